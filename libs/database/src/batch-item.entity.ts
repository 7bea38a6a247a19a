import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { BatchEntity } from './batch.entity';

/**
 * One URL of a batch, in request order. It names a preview id without a foreign key: the preview row
 * may be replaced or purged independently of the batch that asked for it.
 */
@Entity({ name: 'batch_items' })
export class BatchItemEntity {
  @PrimaryColumn({ name: 'batch_id', type: 'uuid' })
  batchId: string;

  /** Index of the URL in the request, from 0. */
  @PrimaryColumn({ type: 'integer' })
  position: number;

  @Column({ name: 'preview_id', type: 'varchar', length: 32 })
  previewId: string;

  /** The URL as it was sent. */
  @Column({ type: 'text' })
  url: string;

  @ManyToOne(() => BatchEntity, (batch) => batch.items, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'batch_id', foreignKeyConstraintName: 'batch_items_batch_id_fkey' })
  batch?: BatchEntity;
}
