import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { PreviewEntity } from './preview.entity';

/**
 * The viewport screenshot of a rendered preview (WebP, at most 1200x630, some tens of KB), one per
 * preview, replaced when the page is rendered again. Kept in PostgreSQL so that a start needs nothing
 * more; a larger deployment would keep the bytes in object storage and only the key here (README).
 */
@Entity({ name: 'preview_screenshots' })
export class PreviewScreenshotEntity {
  @PrimaryColumn({ name: 'preview_id', type: 'varchar', length: 32 })
  previewId: string;

  @OneToOne(() => PreviewEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'preview_id', foreignKeyConstraintName: 'preview_screenshots_preview_id_fkey' })
  preview?: PreviewEntity;

  @Column({ name: 'content_type', type: 'text' })
  contentType: string;

  @Column({ type: 'integer' })
  width: number;

  @Column({ type: 'integer' })
  height: number;

  /** A strong ETag: a hash of the bytes. */
  @Column({ type: 'text' })
  etag: string;

  @Column({ type: 'bytea' })
  data: Buffer;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
