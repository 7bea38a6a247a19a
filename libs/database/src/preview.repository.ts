import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { PreviewMetadata } from '@unfurl/contracts';
import { PreviewStatus } from '@unfurl/contracts';
import type { Repository } from 'typeorm';
import { PreviewEntity } from './preview.entity';
import { PreparedStatements, type PreparedStatement } from './prepared-statements';

const COLUMNS = 'id, url, lang, status, data, error_code, error_message, fetched_at, expires_at, requested_at, refresh_requested_at, has_callbacks, created_at, updated_at';

// Run as prepared statements (PreparedStatements), on every request or job.
const SELECT_BY_ID: PreparedStatement = { name: 'previews_select_by_id', text: `SELECT ${COLUMNS} FROM previews WHERE id = $1` };

const INSERT_PENDING: PreparedStatement = {
  name: 'previews_insert_pending',
  text: `INSERT INTO previews (id, url, lang, status, requested_at) VALUES ($1, $2, $3, '${PreviewStatus.Pending}', now())
  ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
};

/**
 * The end of the worker's writes: the row as it was just before (its fetched_at, which only these
 * writes set) and the callback flag as the write leaves it (see Settled). The row is read under its
 * lock, so a write waiting on another one sees what that one wrote, as the UPDATE does: a plain
 * subquery would answer from the statement's snapshot, and two overlapping first writes (a stalled
 * job run again beside the first run) would both say the row was never settled.
 */
const EARLIER = `FROM (SELECT fetched_at AS settled_at FROM previews WHERE id = $1 FOR NO KEY UPDATE) earlier
  WHERE id = $1
  RETURNING has_callbacks, earlier.settled_at IS NOT NULL AS was_settled`;

const MARK_READY: PreparedStatement = {
  name: 'previews_mark_ready',
  text: `UPDATE previews SET status = '${PreviewStatus.Ready}', data = $2::jsonb, error_code = NULL, error_message = NULL,
  fetched_at = now(), expires_at = now() + make_interval(secs => $3), refresh_requested_at = NULL, updated_at = now()
  ${EARLIER}`,
};

/** A ready row keeps its data and status (only its expiry moves); any other row becomes failed. */
const MARK_FAILED: PreparedStatement = {
  name: 'previews_mark_failed',
  text: `UPDATE previews SET
  status = CASE WHEN status = '${PreviewStatus.Ready}' THEN status ELSE '${PreviewStatus.Failed}' END,
  error_code = CASE WHEN status = '${PreviewStatus.Ready}' THEN error_code ELSE $2 END,
  error_message = CASE WHEN status = '${PreviewStatus.Ready}' THEN error_message ELSE $3 END,
  fetched_at = CASE WHEN status = '${PreviewStatus.Ready}' THEN fetched_at ELSE now() END,
  refresh_requested_at = CASE WHEN status = '${PreviewStatus.Ready}' THEN NULL ELSE refresh_requested_at END,
  expires_at = now() + make_interval(secs => $4), updated_at = now()
  ${EARLIER}`,
};

interface PreviewRow {
  id: string;
  url: string;
  lang: string | null;
  status: PreviewStatus;
  data: PreviewMetadata | null;
  error_code: string | null;
  error_message: string | null;
  fetched_at: Date | null;
  expires_at: Date | null;
  requested_at: Date;
  refresh_requested_at: Date | null;
  has_callbacks: boolean;
  created_at: Date;
  updated_at: Date;
}

/** What the worker's write of a row tells it. */
export interface Settled {
  /**
   * The preview has callbacks that may wait to be queued. The write takes the row's lock, as
   * recording a callback does (PreviewCallbackRepository.add), so of the two the later one sees the
   * other: either this is true, or the callback's recorder sees the row settled and queues it.
   * False also when the row is gone (purged).
   */
  hasCallbacks: boolean;
  /**
   * The row had been settled (ready or failed) before this write, so an API process may hold a
   * copy of it (HotCache holds no pending row). False for a preview's first fetch, and when the row
   * is gone.
   */
  wasSettled: boolean;
}

type SettledRow = Pick<PreviewRow, 'has_callbacks'> & { was_settled: boolean };

const settled = (rows: SettledRow[]): Settled => ({ hasCallbacks: rows[0]?.has_callbacks ?? false, wasSettled: rows[0]?.was_settled ?? false });

function toEntity(row: PreviewRow): PreviewEntity {
  return Object.assign(new PreviewEntity(), {
    id: row.id,
    url: row.url,
    lang: row.lang,
    status: row.status,
    data: row.data,
    errorCode: row.error_code,
    errorMessage: row.error_message,
    fetchedAt: row.fetched_at,
    expiresAt: row.expires_at,
    requestedAt: row.requested_at,
    refreshRequestedAt: row.refresh_requested_at,
    hasCallbacks: row.has_callbacks,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}

/**
 * Every read and write of the previews table. The conditional updates are the coordination
 * between API processes: whoever changes the row is the one that queues the job.
 */
@Injectable()
export class PreviewRepository {
  constructor(
    @InjectRepository(PreviewEntity) private readonly previews: Repository<PreviewEntity>,
    private readonly statements: PreparedStatements,
  ) {}

  /**
   * The hot path of every cached read: one indexed SELECT, hydrated by hand. TypeORM's findOneBy
   * built the query and mapped the row through its metadata on every call, a quarter of the API's
   * CPU per cached read in `npm run bench`.
   */
  async findById(id: string): Promise<PreviewEntity | null> {
    const rows = await this.statements.rows<PreviewRow>(SELECT_BY_ID, [id]);
    return rows.length === 0 ? null : toEntity(rows[0]);
  }

  /**
   * Records a new URL (in a language, or none) as pending. Only the one caller that created the row
   * gets it back (null for every other), so it can answer without reading it again.
   */
  async createPending(id: string, url: string, lang: string | null): Promise<PreviewEntity | null> {
    const rows = await this.statements.rows<PreviewRow>(INSERT_PENDING, [id, url, lang]);
    return rows.length === 0 ? null : toEntity(rows[0]);
  }

  /** Puts an expired failure back to pending. True only for the one caller that did it. */
  async retryExpiredFailure(id: string): Promise<boolean> {
    const result = await this.previews
      .createQueryBuilder()
      .update()
      .set({ status: PreviewStatus.Pending, requestedAt: () => 'now()' })
      .where(`id = :id AND status = :failed AND expires_at <= now()`, { id, failed: PreviewStatus.Failed })
      .execute();
    return result.affected === 1;
  }

  /**
   * Marks a settled row as being refreshed, at most once per `minIntervalSeconds`: a ready row once
   * it has expired, or any settled row fetched at least `olderThanSeconds` ago (a caller's maxAge,
   * or the force interval). The row keeps serving what it has until the worker writes.
   */
  async claimRefresh(id: string, minIntervalSeconds: number, olderThanSeconds?: number): Promise<boolean> {
    const result = await this.previews
      .createQueryBuilder()
      .update()
      .set({ refreshRequestedAt: () => 'now()' })
      .where(
        `id = :id AND (refresh_requested_at IS NULL OR refresh_requested_at < now() - make_interval(secs => :interval))
         AND ${olderThanSeconds === undefined ? 'status = :ready AND expires_at <= now()' : 'status <> :pending AND fetched_at <= now() - make_interval(secs => :olderThan)'}`,
        { id, ready: PreviewStatus.Ready, pending: PreviewStatus.Pending, interval: minIntervalSeconds, olderThan: olderThanSeconds },
      )
      .execute();
    return result.affected === 1;
  }

  /**
   * Removes a preview; its callbacks go with it (ON DELETE CASCADE). A job still running for it
   * writes nothing: markReady and markFailed only update an existing row. True if a row was removed.
   */
  async delete(id: string): Promise<boolean> {
    const result = await this.previews.delete({ id });
    return result.affected === 1;
  }

  /**
   * Every job's write: one hand-written UPDATE. TypeORM's update() built the statement from the
   * entity's metadata on every call, a visible share of the worker's CPU per preview.
   */
  async markReady(id: string, data: PreviewMetadata, ttlSeconds: number): Promise<Settled> {
    return settled(await this.statements.rows<SettledRow>(MARK_READY, [id, JSON.stringify(data), Math.floor(ttlSeconds)]));
  }

  /**
   * Records a failure, in one statement (it was a transaction of two). A row that was ready keeps
   * its data (a failed refresh should not blank a card that worked) and is simply tried again after
   * `ttlSeconds`.
   */
  async markFailed(id: string, code: string, message: string, ttlSeconds: number): Promise<Settled> {
    return settled(await this.statements.rows<SettledRow>(MARK_FAILED, [id, code, message, Math.floor(ttlSeconds)]));
  }

  /** Pending rows not asked for in `olderThanSeconds`: candidates whose job may have vanished. */
  findStalePending(olderThanSeconds: number, limit: number): Promise<Array<Pick<PreviewEntity, 'id' | 'url' | 'lang'>>> {
    return this.previews
      .createQueryBuilder('preview')
      .select(['preview.id', 'preview.url', 'preview.lang'])
      .where(`preview.status = :pending AND preview.requested_at < now() - make_interval(secs => :age)`, { pending: PreviewStatus.Pending, age: olderThanSeconds })
      .orderBy('preview.requested_at')
      .limit(limit)
      .getMany();
  }

  async touchRequested(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.previews.createQueryBuilder().update().set({ requestedAt: () => 'now()' }).whereInIds(ids).execute();
  }
}
