import { PreviewStatus } from '@unfurl/contracts';
import type { PreviewEntity } from '@unfurl/database';
import type { PreviewCacheStatus } from './preview-cache-status';

/** What the HTTP caching headers are computed from: a row, or the hot cache's copy of one. */
type CachedRow = Pick<PreviewEntity, 'status' | 'fetchedAt' | 'expiresAt'>;

/** Changes whenever the body would: a new fetch, a new status or a new expiry. */
export function previewEtag(row: PreviewEntity): string {
  return `"${row.id}.${row.status}.${row.fetchedAt?.getTime() ?? 0}.${row.expiresAt?.getTime() ?? 0}"`;
}

const opaque = (tag: string) => tag.trim().replace(/^W\//, '');

/** RFC 9110 weak comparison against an If-None-Match header (a list, or `*`). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}

/** Whole seconds since the preview's data was fetched: its RFC 9111 `Age`; 0 while nothing was fetched. */
export function previewAge(row: Pick<PreviewEntity, 'fetchedAt'>, now = Date.now()): number {
  return row.fetchedAt === null ? 0 : Math.max(0, Math.floor((now - row.fetchedAt.getTime()) / 1_000));
}

/**
 * Pending answers change any moment: never stored. Ready and failed ones are fresh until their
 * expiry (capped, so a cache in front does not keep a preview for a day); a stale one may be kept
 * but must be revalidated, which the ETag makes cheap. Answers carry `Age`, which caches subtract
 * from max-age (RFC 9111 4.2.3), so max-age counts from the fetch: Age + what is left.
 */
export function previewCacheControl(row: CachedRow, maxAgeCap: number, now = Date.now()): string {
  if (row.status === PreviewStatus.Pending || !row.expiresAt) return 'no-store';
  const fresh = Math.floor((row.expiresAt.getTime() - now) / 1_000);
  return fresh > 0 ? `public, max-age=${previewAge(row, now) + Math.min(fresh, maxAgeCap)}` : 'no-cache';
}

/** Headers of every preview answer: how it relates to the cache, and its Age counted now. */
export function answerHeaders(row: CachedRow, cache: PreviewCacheStatus, now: number): Record<string, string> {
  return { 'Unfurl-Cache': cache, Age: String(previewAge(row, now)) };
}

/** Headers of a read (GET) answer besides answerHeaders: its ETag, and Cache-Control from the time it has left. */
export function readHeaders(row: CachedRow, etag: string, maxAgeCap: number, now: number): Record<string, string> {
  return { ETag: etag, 'Cache-Control': previewCacheControl(row, maxAgeCap, now) };
}
