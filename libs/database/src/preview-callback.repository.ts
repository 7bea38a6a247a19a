import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { PreviewStatus } from '@unfurl/contracts';
import { IsNull, type Repository } from 'typeorm';
import { PreviewCallbackEntity } from './preview-callback.entity';

/** Callbacks and their delivery state. `claim*` methods mark rows queued so that one caller queues each. */
@Injectable()
export class PreviewCallbackRepository {
  constructor(@InjectRepository(PreviewCallbackEntity) private readonly callbacks: Repository<PreviewCallbackEntity>) {}

  async add(previewId: string, url: string): Promise<string> {
    const row = await this.callbacks.save(this.callbacks.create({ previewId, url }));
    return row.id;
  }

  findById(id: string): Promise<PreviewCallbackEntity | null> {
    return this.callbacks.findOneBy({ id });
  }

  /** Claims the unqueued callbacks of a preview that is no longer pending; returns their ids. */
  claimSettled(previewId: string): Promise<string[]> {
    return this.claim(`preview_id = :previewId`, { previewId });
  }

  /**
   * Claims unqueued callbacks of settled previews (missed by a crash between the row write and the
   * dispatch, or queued while Redis was down), and ones queued long ago whose job may be gone.
   */
  claimOverdue(requeueAfterSeconds: number, limit: number): Promise<string[]> {
    return this.claim(
      `id IN (SELECT id FROM preview_callbacks
               WHERE (queued_at IS NULL OR (queued_at < now() - make_interval(secs => :requeueAfterSeconds) AND delivered_at IS NULL AND failed_at IS NULL))
               ORDER BY created_at LIMIT :limit)`,
      { requeueAfterSeconds, limit },
    );
  }

  /** Gives a claim back (its job could not be queued), so the sweep picks it up later. */
  async unclaim(ids: string[]): Promise<void> {
    if (ids.length > 0) await this.callbacks.createQueryBuilder().update().set({ queuedAt: null }).whereInIds(ids).andWhere('delivered_at IS NULL').execute();
  }

  async markDelivered(id: string, attempts: number): Promise<void> {
    await this.callbacks.update({ id, deliveredAt: IsNull() }, { deliveredAt: () => 'now()', attempts, lastError: null });
  }

  async recordAttempt(id: string, attempts: number, error: string, gaveUp: boolean): Promise<void> {
    await this.callbacks.update({ id }, { attempts, lastError: error.slice(0, 500), ...(gaveUp ? { failedAt: () => 'now()' } : {}) });
  }

  private async claim(where: string, parameters: Record<string, unknown>): Promise<string[]> {
    const result = await this.callbacks
      .createQueryBuilder()
      .update()
      .set({ queuedAt: () => 'now()' })
      .where(where, parameters)
      .andWhere(`EXISTS (SELECT 1 FROM previews p WHERE p.id = preview_id AND p.status <> :pending)`, { pending: PreviewStatus.Pending })
      .returning('id')
      .execute();
    return (result.raw as Array<{ id: string }>).map((row) => row.id);
  }
}
