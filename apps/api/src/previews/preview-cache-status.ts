import { PreviewStatus } from '@unfurl/contracts';
import type { PreviewEntity } from '@unfurl/database';

/**
 * The `Unfurl-Cache` header of every preview answer: how the answer relates to the cache.
 * - HIT: the stored preview, current; nothing was fetched.
 * - STALE: the stored preview, though expired (or older than maxAge, or forced); a refresh runs.
 * - MISS: nothing usable was stored: the preview is being fetched (202), or was for this request.
 * - REFRESH: the stored preview was older than maxAge; it was fetched again before answering.
 * - BYPASS: `force=true`: the page was fetched again before answering, whatever the cache held.
 */
export enum PreviewCacheStatus {
  Hit = 'HIT',
  Stale = 'STALE',
  Miss = 'MISS',
  Refresh = 'REFRESH',
  Bypass = 'BYPASS',
}

/** The status of a preview read by id, which fetches nothing: pending is a MISS, expired is STALE. */
export function storedCacheStatus(row: Pick<PreviewEntity, 'status' | 'expiresAt'>, now: number): PreviewCacheStatus {
  if (row.status === PreviewStatus.Pending) return PreviewCacheStatus.Miss;
  return row.expiresAt !== null && row.expiresAt.getTime() > now ? PreviewCacheStatus.Hit : PreviewCacheStatus.Stale;
}
