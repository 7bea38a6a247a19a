import { Injectable } from '@nestjs/common';
import { PreviewEntity } from '@unfurl/database';
import { DataSource, In } from 'typeorm';

export interface StoredBatch {
  id: string;
  createdAt: Date;
  items: Array<{ position: number; url: string; previewId: string; preview: PreviewEntity | null }>;
}

/** The batches and batch_items tables: which previews a batch asked for, in order. */
@Injectable()
export class BatchRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores a batch and its items in one transaction; returns its creation time. */
  async create(id: string, items: Array<{ url: string; previewId: string }>): Promise<Date> {
    return this.dataSource.transaction(async (manager) => {
      const [{ created_at }] = (await manager.query(`INSERT INTO batches (id) VALUES ($1) RETURNING created_at`, [id])) as Array<{ created_at: Date }>;
      await manager.query(
        `INSERT INTO batch_items (batch_id, position, preview_id, url)
         SELECT $1, item.position - 1, item.preview_id, item.url
         FROM unnest($2::varchar[], $3::text[]) WITH ORDINALITY AS item (preview_id, url, position)`,
        [id, items.map((item) => item.previewId), items.map((item) => item.url)],
      );
      return created_at;
    });
  }

  /** The batch with its items in request order and each item's current preview row. */
  async findById(id: string): Promise<StoredBatch | null> {
    const [batch] = (await this.dataSource.query(`SELECT id, created_at FROM batches WHERE id = $1`, [id])) as Array<{ id: string; created_at: Date }>;
    if (!batch) return null;
    const rows = (await this.dataSource.query(`SELECT position, preview_id, url FROM batch_items WHERE batch_id = $1 ORDER BY position`, [id])) as Array<{
      position: number;
      preview_id: string;
      url: string;
    }>;
    const previews = await this.dataSource.getRepository(PreviewEntity).findBy({ id: In([...new Set(rows.map((row) => row.preview_id))]) });
    const byId = new Map(previews.map((preview) => [preview.id, preview]));
    return {
      id: batch.id,
      createdAt: batch.created_at,
      items: rows.map((row) => ({ position: row.position, url: row.url, previewId: row.preview_id, preview: byId.get(row.preview_id) ?? null })),
    };
  }
}
