import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PreviewEntity } from './preview.entity';
import { OptionalInstantColumn } from './optional-instant-column';

/**
 * A callback URL a client gave with a preview request: the preview is POSTed to it once it is ready
 * or failed. Several clients may ask for one preview, each with its own callback.
 */
@Entity({ name: 'preview_callbacks' })
@Index('preview_callbacks_unqueued_idx', ['previewId'], { where: 'queued_at IS NULL' })
@Index('preview_callbacks_in_flight_idx', ['queuedAt'], { where: 'delivered_at IS NULL AND failed_at IS NULL AND queued_at IS NOT NULL' })
export class PreviewCallbackEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'preview_id', type: 'varchar', length: 32 })
  previewId: string;

  @ManyToOne(() => PreviewEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'preview_id', foreignKeyConstraintName: 'preview_callbacks_preview_id_fkey' })
  preview?: PreviewEntity;

  @Column({ type: 'text' })
  url: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Set by whoever queued the delivery (a conditional UPDATE, so exactly one does). */
  @OptionalInstantColumn('queued_at')
  queuedAt: Date | null;

  @OptionalInstantColumn('delivered_at')
  deliveredAt: Date | null;

  /** Set when delivery was given up (attempts exhausted, or the URL is refused). */
  @OptionalInstantColumn('failed_at')
  failedAt: Date | null;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;
}
