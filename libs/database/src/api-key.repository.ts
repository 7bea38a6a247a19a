import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, type Repository } from 'typeorm';
import { ApiKeyEntity } from './api-key.entity';

/** Reads and writes of the api_keys table (the API verifies, the CLI manages). */
@Injectable()
export class ApiKeyRepository {
  constructor(@InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>) {}

  /** The key with this hash, if it exists and is not revoked. */
  findActiveByHash(keyHash: string): Promise<ApiKeyEntity | null> {
    return this.keys.findOneBy({ keyHash, revokedAt: IsNull() });
  }

  create(key: Pick<ApiKeyEntity, 'name' | 'prefix' | 'keyHash' | 'isAdmin' | 'rateLimitPerMinute'>): Promise<ApiKeyEntity> {
    return this.keys.save(this.keys.create({ ...key, revokedAt: null }));
  }

  list(): Promise<ApiKeyEntity[]> {
    return this.keys.find({ order: { createdAt: 'ASC' } });
  }

  /** Revokes by id or prefix. Returns the key as it was (revokedAt set if it already was), or null. */
  async revoke(idOrPrefix: string): Promise<ApiKeyEntity | null> {
    const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrPrefix);
    const key = await this.keys.findOneBy(isUuid ? { id: idOrPrefix } : { prefix: idOrPrefix });
    if (key && !key.revokedAt) await this.keys.update({ id: key.id, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
    return key;
  }
}
