import { PreviewStatus } from '@unfurl/contracts';
import type { PreviewEntity } from '@unfurl/database';

/**
 * What a request for a URL does, given the row it found:
 * - `serve`: a ready or failed row that has not expired is the answer;
 * - `serve-and-refresh`: an expired ready row is still the answer, and a refresh is queued;
 * - `create-and-queue`: no row yet; record it as pending and queue its job;
 * - `retry-failure`: an expired failure is put back to pending and queued again;
 * - `wait`: its job is already queued; answer pending, or wait for it up to the request's `wait`.
 * Creating, retrying and refreshing go through conditional updates, so of many API processes that
 * decide the same, one queues the job.
 */
export type PreviewRequestAction = 'serve' | 'serve-and-refresh' | 'create-and-queue' | 'retry-failure' | 'wait';

export function previewRequestAction(row: Pick<PreviewEntity, 'status' | 'expiresAt'> | null, now: number): PreviewRequestAction {
  if (!row) return 'create-and-queue';
  if (row.status === PreviewStatus.Pending) return 'wait';
  const current = row.expiresAt !== null && row.expiresAt.getTime() > now;
  if (current) return 'serve';
  return row.status === PreviewStatus.Ready ? 'serve-and-refresh' : 'retry-failure';
}
