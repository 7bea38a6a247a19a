import { PreviewStatus, type PreviewMetadata, type StoredPreview } from '@unfurl/contracts';
import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { OptionalInstantColumn } from './optional-instant-column';

@Entity({ name: 'previews' })
@Index('previews_pending_idx', ['requestedAt'], { where: `status = '${PreviewStatus.Pending}'` })
@Check('previews_status_check', `"status" IN (${Object.values(PreviewStatus).map((status) => `'${status}'`).join(', ')})`)
export class PreviewEntity implements StoredPreview {
  /** Derived from the normalised URL and language (see previewId in libs/contracts). */
  @PrimaryColumn({ type: 'varchar', length: 32 })
  id: string;

  @Column({ type: 'text' })
  url: string;

  /** Normalised BCP 47 tag the page is fetched in (sent as Accept-Language), or null for none. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  lang: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: PreviewStatus;

  @Column({ type: 'jsonb', nullable: true })
  data: PreviewMetadata | null;

  @Column({ name: 'error_code', type: 'varchar', length: 64, nullable: true })
  errorCode: string | null;

  @Column({ name: 'error_message', type: 'text', nullable: true })
  errorMessage: string | null;

  @OptionalInstantColumn('fetched_at')
  fetchedAt: Date | null;

  /** After this instant a ready preview is stale and a failed one is retried. */
  @OptionalInstantColumn('expires_at')
  expiresAt: Date | null;

  /** When a fetch was last asked for: the reconciler queues pending rows whose job has vanished. */
  @Column({ name: 'requested_at', type: 'timestamptz', default: () => 'now()' })
  requestedAt: Date;

  /** When a background refresh of a stale row was last queued, so only one request queues it. */
  @OptionalInstantColumn('refresh_requested_at')
  refreshRequestedAt: Date | null;

  /**
   * Set when a callback is recorded (PreviewCallbackRepository.add), in the same statement, and
   * never cleared: the worker's write reads it back to know whether to look for callbacks to queue.
   */
  @Column({ name: 'has_callbacks', type: 'boolean', default: false })
  hasCallbacks: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
