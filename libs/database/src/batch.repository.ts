import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import { BatchItemEntity } from './batch-item.entity';
import { BatchEntity } from './batch.entity';
import { PreviewEntity } from './preview.entity';

export interface StoredBatch {
  id: string;
  createdAt: Date;
  items: Array<{ position: number; url: string; previewId: string; preview: PreviewEntity | null }>;
}

/** The batches and batch_items tables: which previews a batch asked for, in order. */
@Injectable()
export class BatchRepository {
  constructor(
    @InjectRepository(BatchEntity) private readonly batches: Repository<BatchEntity>,
    @InjectRepository(PreviewEntity) private readonly previews: Repository<PreviewEntity>,
  ) {}

  /** Stores a batch and its items (one multi-row INSERT) in one transaction; returns its creation time. */
  async create(id: string, items: Array<{ url: string; previewId: string }>): Promise<Date> {
    return this.batches.manager.transaction(async (manager) => {
      const inserted = await manager.insert(BatchEntity, { id });
      await manager.insert(
        BatchItemEntity,
        items.map((item, position) => ({ batchId: id, position, previewId: item.previewId, url: item.url })),
      );
      return (inserted.generatedMaps[0] as Pick<BatchEntity, 'createdAt'>).createdAt;
    });
  }

  /** The batch with its items in request order and each item's current preview row. */
  async findById(id: string): Promise<StoredBatch | null> {
    const batch = await this.batches.findOne({ where: { id }, relations: { items: true }, order: { items: { position: 'ASC' } } });
    if (!batch) return null;
    const previews = await this.previews.findBy({ id: In([...new Set(batch.items.map((item) => item.previewId))]) });
    const byId = new Map(previews.map((preview) => [preview.id, preview]));
    return {
      id: batch.id,
      createdAt: batch.createdAt,
      items: batch.items.map((item) => ({ position: item.position, url: item.url, previewId: item.previewId, preview: byId.get(item.previewId) ?? null })),
    };
  }
}
