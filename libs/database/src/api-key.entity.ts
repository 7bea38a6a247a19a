import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { OptionalInstantColumn } from './optional-instant-column';

/** An API key. Only a hash of the secret is stored; the secret is shown once, when created. */
@Entity({ name: 'api_keys' })
@Check('api_keys_rate_limit_per_minute_check', '"rate_limit_per_minute" > 0')
export class ApiKeyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** The public part of the key (`unf_<prefix>_…`), so people can tell keys apart in lists and logs. */
  @Column({ type: 'varchar', length: 16, unique: true })
  prefix: string;

  /** Hex SHA-256 of the whole key (see hashApiKey). */
  @Column({ name: 'key_hash', type: 'char', length: 64, unique: true })
  keyHash: string;

  @Column({ name: 'is_admin', type: 'boolean', default: false })
  isAdmin: boolean;

  /** Requests per minute for this key; null means the server's default. */
  @Column({ name: 'rate_limit_per_minute', type: 'integer', nullable: true })
  rateLimitPerMinute: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @OptionalInstantColumn('revoked_at')
  revokedAt: Date | null;
}
