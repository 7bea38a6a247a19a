import type { JobOptions } from 'bull';

/**
 * The one place job defaults live. Jobs are removed when they end so that the same preview id
 * can be queued again later (a refresh, a retry after a cached failure); the previews table,
 * not Redis, keeps the outcome.
 */
export const defaultJobOptions: JobOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: true,
  removeOnFail: true,
  timeout: 60_000,
};

/** Bull's lock settings: a job whose lock is not renewed in time is considered stalled. */
export const queueSettings = {
  lockDuration: 30_000,
  stalledInterval: 15_000,
  maxStalledCount: 2,
};
