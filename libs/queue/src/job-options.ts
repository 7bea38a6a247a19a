import { type JobDataByName, type JobName, PreviewJobName, previewJobId, QueueName, type QueueJobs, RenderJobName, WebhookJobName } from '@unfurl/contracts';
import type { JobOptions } from 'bull';
import { laneOf } from './fair-order';
import { RETRY_BACKOFF, retryBackoff } from './retry-delay';

type QueueOf<N extends JobName> = { [Q in QueueName]: N extends QueueJobs[Q] ? Q : never }[QueueName];

interface JobSpec<N extends JobName> {
  queue: QueueOf<N>;
  /** The job id: a second add with the id of a job still in Redis is a no-op, so duplicates coalesce. */
  id: (data: JobDataByName[N]) => string;
  /** Real attempts: deferrals (JobDeferredError) do not use them. */
  attempts: number;
  /** Exponential backoff between real attempts: base, 3 x base, 7 x base, … */
  backoffMs: number;
  /** One attempt's work deadline: its handler's AbortSignal fires then. */
  deadlineMs: number;
  /**
   * Fair ordering (fair-order.ts): the lane whose fair-queuing tag orders the job, or null for a job
   * that goes first in line (priority 1). Either every job of a queue has it or none does, since Bull 4 takes a
   * job without priority only after every prioritized one.
   */
  lane?: (data: JobDataByName[N]) => string | null;
  options: JobOptions;
}

/**
 * The one table of job defaults, by job name. Jobs are removed when they end so that the same id can
 * be queued again later (a refresh, a retry after a cached failure, a callback swept up again); the
 * database, not Redis, keeps the outcome.
 */
export const JOBS: { readonly [N in JobName]: JobSpec<N> } = {
  // Ranked by site: a flood of one site's previews does not hold back the first preview of another.
  [PreviewJobName.Unfurl]: {
    queue: QueueName.Previews,
    id: (data) => data.id,
    attempts: 3,
    backoffMs: 2_000,
    deadlineMs: 60_000,
    lane: (data) => laneOf(data.url),
    options: { removeOnComplete: true, removeOnFail: true },
  },
  // Extraction of a rendered page: transient only if the database is down, so a few quick retries.
  // First in line: it fetches nothing, and its preview has already waited for its site and the renderer.
  [PreviewJobName.Rendered]: {
    queue: QueueName.Previews,
    id: (data) => previewJobId(PreviewJobName.Rendered, data.id),
    attempts: 3,
    backoffMs: 2_000,
    deadlineMs: 60_000,
    lane: () => null,
    options: { removeOnComplete: true, removeOnFail: true },
  },
  // One attempt: every render failure is answered (as a `rendered` job with the reason), and a renderer
  // that dies mid-page has its job put back by Bull's stall check.
  [RenderJobName.Render]: {
    queue: QueueName.Render,
    id: (data) => data.id,
    attempts: 1,
    backoffMs: 2_000,
    // The renderer bounds each page itself (RENDER_TIMEOUT_MS and an overall bound); this is the backstop.
    deadlineMs: 120_000,
    options: { removeOnComplete: true, removeOnFail: true },
  },
  // Many attempts (2 s, 4 s, … about 4 minutes in all): a receiver down for a moment must not lose the notification.
  [WebhookJobName.Deliver]: {
    queue: QueueName.Webhooks,
    id: (data) => data.callbackId,
    attempts: 8,
    backoffMs: 2_000,
    deadlineMs: 30_000,
    options: { removeOnComplete: true, removeOnFail: true },
  },
};

/**
 * Bull counts deferrals as attempts, so it is given room for this many on top of the real ones
 * (deferrals back off to 10 s: hours of them). A job past them fails in Bull, its row stays pending,
 * and the reconciler queues it again.
 */
const DEFERRALS_ALLOWED = 2_000;

/** What Bull is given: retries go through JobQueue's backoff strategy; stack traces of deferrals are not kept. */
export function bullOptions(spec: Pick<JobSpec<JobName>, 'attempts' | 'options'>): JobOptions {
  return { ...spec.options, attempts: spec.attempts + DEFERRALS_ALLOWED, backoff: { type: RETRY_BACKOFF }, stackTraceLimit: 3 };
}

/** Bull's lock settings (a job whose lock is not renewed in time is considered stalled) and the retry strategy. */
export const queueSettings = {
  lockDuration: 30_000,
  stalledInterval: 15_000,
  maxStalledCount: 2,
  backoffStrategies: { [RETRY_BACKOFF]: retryBackoff },
};
