import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { PreviewStatus } from '@unfurl/contracts';
import { IsNull, type Repository } from 'typeorm';
import { PreviewCallbackEntity } from './preview-callback.entity';
import { PreparedStatements, type PreparedStatement } from './prepared-statements';

const SETTLED = `EXISTS (SELECT 1 FROM previews p WHERE p.id = preview_id AND p.status <> '${PreviewStatus.Pending}')`;

const CLAIM_SETTLED: PreparedStatement = {
  name: 'preview_callbacks_claim_settled',
  text: `UPDATE preview_callbacks SET queued_at = now() WHERE preview_id = $1 AND queued_at IS NULL AND ${SETTLED} RETURNING id`,
};

const ADD: PreparedStatement = {
  name: 'preview_callbacks_add',
  text: `WITH flagged AS (UPDATE previews SET has_callbacks = true WHERE id = $1 RETURNING id)
  INSERT INTO preview_callbacks (preview_id, url) SELECT id, $2 FROM flagged RETURNING id`,
};

/** Callbacks and their delivery state. `claim*` methods mark rows queued so that one caller queues each. */
@Injectable()
export class PreviewCallbackRepository {
  constructor(
    @InjectRepository(PreviewCallbackEntity) private readonly callbacks: Repository<PreviewCallbackEntity>,
    private readonly statements: PreparedStatements,
  ) {}

  /**
   * Records a callback and marks its preview as having callbacks, in one statement, so the row's
   * lock orders it against the worker's write of the row (PreviewRepository's Settled). Null when
   * the preview is gone.
   */
  async add(previewId: string, url: string): Promise<string | null> {
    const rows = await this.statements.rows<{ id: string }>(ADD, [previewId, url]);
    return rows[0]?.id ?? null;
  }

  findById(id: string): Promise<PreviewCallbackEntity | null> {
    return this.callbacks.findOneBy({ id });
  }

  /**
   * Claims the unqueued callbacks of a preview that is no longer pending; returns their ids. Run
   * after every preview job, so written by hand and prepared: the same statement as `claim` builds,
   * without TypeORM's query building on each call.
   */
  async claimSettled(previewId: string): Promise<string[]> {
    const rows = await this.statements.rows<{ id: string }>(CLAIM_SETTLED, [previewId]);
    return rows.map((row) => row.id);
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
      .andWhere(SETTLED)
      .returning('id')
      .execute();
    return (result.raw as Array<{ id: string }>).map((row) => row.id);
  }
}
