import { type JobDataByName, type JobName, PreviewJobName, previewJobId, QueueName, type QueueJobs, RenderJobName, WebhookJobName } from '@unfurl/contracts';
import type { JobOptions } from 'bull';

type QueueOf<N extends JobName> = { [Q in QueueName]: N extends QueueJobs[Q] ? Q : never }[QueueName];

interface JobSpec<N extends JobName> {
  queue: QueueOf<N>;
  /** The job id: a second add with the id of a job still in Redis is a no-op, so duplicates coalesce. */
  id: (data: JobDataByName[N]) => string;
  options: JobOptions;
}

/**
 * The one table of job defaults, by job name. Jobs are removed when they end so that the same id can
 * be queued again later (a refresh, a retry after a cached failure, a callback swept up again); the
 * database, not Redis, keeps the outcome.
 */
export const JOBS: { readonly [N in JobName]: JobSpec<N> } = {
  [PreviewJobName.Unfurl]: {
    queue: QueueName.Previews,
    id: (data) => data.id,
    options: { attempts: 3, backoff: { type: 'exponential', delay: 2_000 }, removeOnComplete: true, removeOnFail: true, timeout: 60_000 },
  },
  // Extraction of a rendered page: transient only if the database is down, so a few quick retries.
  [PreviewJobName.Rendered]: {
    queue: QueueName.Previews,
    id: (data) => previewJobId(PreviewJobName.Rendered, data.id),
    options: { attempts: 3, backoff: { type: 'exponential', delay: 2_000 }, removeOnComplete: true, removeOnFail: true, timeout: 60_000 },
  },
  // One attempt: every render failure is answered (as a `rendered` job with the reason), and a renderer
  // that dies mid-page has its job put back by Bull's stall check.
  [RenderJobName.Render]: {
    queue: QueueName.Render,
    id: (data) => data.id,
    options: { attempts: 1, removeOnComplete: true, removeOnFail: true, timeout: 120_000 },
  },
  // Many attempts (2 s, 4 s, … about 4 minutes in all): a receiver down for a moment must not lose the notification.
  [WebhookJobName.Deliver]: {
    queue: QueueName.Webhooks,
    id: (data) => data.callbackId,
    options: { attempts: 8, backoff: { type: 'exponential', delay: 2_000 }, removeOnComplete: true, removeOnFail: true, timeout: 30_000 },
  },
};

/** Bull's lock settings: a job whose lock is not renewed in time is considered stalled. */
export const queueSettings = {
  lockDuration: 30_000,
  stalledInterval: 15_000,
  maxStalledCount: 2,
};
