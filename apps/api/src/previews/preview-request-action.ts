import { PreviewStatus } from '@unfurl/contracts';
import type { PreviewEntity } from '@unfurl/database';
import { PreviewCacheStatus } from './preview-cache-status';

/**
 * What a request for a URL does, given the row it found:
 * - `serve`: a ready or failed row that has not expired is the answer;
 * - `serve-and-refresh`: an expired ready row (or one older than the caller's maxAge, or a forced
 *   one, when the caller does not wait) is still the answer, and a refresh is queued;
 * - `refresh-and-wait`: a row older than the caller's maxAge, or forced, when the caller waits: a
 *   refresh is queued and its result is the answer (the current row if the wait runs out first);
 * - `create-and-queue`: no row yet; record it as pending and queue its job;
 * - `retry-failure`: an expired failure is put back to pending and queued again;
 * - `wait`: its job is already queued; answer pending, or wait for it up to the request's `wait`.
 * Creating, retrying and refreshing go through conditional updates, so of many API processes that
 * decide the same, one queues the job.
 */
export type PreviewRequestAction = 'serve' | 'serve-and-refresh' | 'refresh-and-wait' | 'create-and-queue' | 'retry-failure' | 'wait';

/** What the caller asked for, beyond the URL. */
export interface PreviewRequestOptions {
  /** Fetch again even if fresh, unless the row was fetched less than `forceMinIntervalSeconds` ago. */
  force?: boolean;
  /** A row fetched longer ago than this is refreshed, as an expired one is. */
  maxAgeSeconds?: number;
  /** Whether the caller waits for a fetch to end (`wait` > 0). */
  waits?: boolean;
  /** FORCE_MIN_INTERVAL_SECONDS. */
  forceMinIntervalSeconds: number;
}

export interface PreviewRequestDecision {
  action: PreviewRequestAction;
  /** The Unfurl-Cache status of the answer if the action goes as planned (see PreviewCacheStatus). */
  cache: PreviewCacheStatus;
  /** For `refresh-and-wait`: the refresh must be of a row fetched at least this many seconds ago. */
  olderThanSeconds?: number;
  /** `force` was asked for but the row was fetched too recently: it is served as it is. */
  forceRefused: boolean;
}

type DecidedRow = Pick<PreviewEntity, 'status' | 'expiresAt' | 'fetchedAt'>;

const ageSeconds = (row: DecidedRow, now: number) => (row.fetchedAt === null ? Infinity : (now - row.fetchedAt.getTime()) / 1_000);

export function previewRequestAction(row: DecidedRow | null, now: number, options: PreviewRequestOptions): PreviewRequestDecision {
  const decision = (action: PreviewRequestAction, cache: PreviewCacheStatus, more: Partial<PreviewRequestDecision> = {}): PreviewRequestDecision => ({
    action,
    cache,
    forceRefused: false,
    ...more,
  });
  if (!row) return decision('create-and-queue', PreviewCacheStatus.Miss);
  if (row.status === PreviewStatus.Pending) return decision('wait', PreviewCacheStatus.Miss);
  const age = ageSeconds(row, now);
  const forceRefused = options.force === true && age < options.forceMinIntervalSeconds;
  if (options.force && !forceRefused) {
    return options.waits
      ? decision('refresh-and-wait', PreviewCacheStatus.Bypass, { olderThanSeconds: options.forceMinIntervalSeconds })
      : decision('serve-and-refresh', PreviewCacheStatus.Stale, { olderThanSeconds: options.forceMinIntervalSeconds });
  }
  const expired = row.expiresAt === null || row.expiresAt.getTime() <= now;
  if (expired && row.status === PreviewStatus.Failed) return decision('retry-failure', PreviewCacheStatus.Miss, { forceRefused });
  if (options.maxAgeSeconds !== undefined && age > options.maxAgeSeconds) {
    return options.waits
      ? decision('refresh-and-wait', PreviewCacheStatus.Refresh, { olderThanSeconds: options.maxAgeSeconds, forceRefused })
      : decision('serve-and-refresh', PreviewCacheStatus.Stale, { olderThanSeconds: options.maxAgeSeconds, forceRefused });
  }
  if (expired) return decision('serve-and-refresh', PreviewCacheStatus.Stale, { forceRefused });
  return decision('serve', PreviewCacheStatus.Hit, { forceRefused });
}
