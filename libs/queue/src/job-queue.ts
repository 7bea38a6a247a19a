import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import { type JobDataByName, type JobName, type JobResultByName, QueueName, type QueueJob, type QueueJobs } from '@unfurl/contracts';
import type { Job, Queue } from 'bull';
import { priorityOf, tagArguments, TAG_SCRIPT, TAG_SCRIPT_SHA } from './fair-order';
import { JobDeferredError } from './job-deferred.error';
import { bullOptions, JOBS } from './job-options';
import { QueueUnavailableError } from './queue-unavailable.error';
import { deferralDelay, failureDelay, RetryAfter } from './retry-delay';
import { withDeadline } from './with-deadline';

/** One attempt of a job, as its handler sees it. */
export interface JobRun<N extends JobName> {
  id: string;
  name: N;
  data: JobDataByName[N];
  /** 1 for the first attempt; deferrals are not attempts. */
  attempt: number;
  /** No retry follows if this attempt throws. */
  isLastAttempt: boolean;
  /** Aborted at the attempt's work deadline: pass it to every fetch and extraction of the job. */
  signal: AbortSignal;
}

export type JobHandler<N extends JobName> = (job: JobRun<N>) => Promise<JobResultByName[N]>;

/**
 * How a job ended. Scope `local` (jobs this process ran) hears every attempt: `failed` when one
 * threw, retried or not, `deferred` when its handler set it aside (JobDeferredError), and knows
 * `result` and `durationMs`. Scope `global` (any process, through Redis pub/sub) hears only true
 * ends: `completed`, or `failed` after the last attempt; never a deferral.
 */
export interface JobEnd<Q extends QueueName> {
  jobId: string;
  outcome: 'completed' | 'failed' | 'deferred';
  result?: JobResultByName[QueueJobs[Q]];
  durationMs?: number;
}

/** Where the count of a job's real failures is kept in its data, beside the producer's fields. */
const FAILURES = 'failedAttempts';

/** From a job being taken to now. */
const spent = (job: Job) => Date.now() - (job.processedOn ?? job.timestamp);

const isDeferral = (error: unknown) => error instanceof RetryAfter && error.cause instanceof JobDeferredError;

export type JobState = 'waiting' | 'active' | 'delayed' | 'failed' | 'completed';

/**
 * The only way to the job queues, like Immich's job repository: produce, consume, listen, count,
 * ping, close. Bull stays behind this class, so a move to another queue library touches this lib
 * alone. Every Redis round trip has a deadline and fails with QueueUnavailableError, since ioredis
 * otherwise buffers commands while Redis is down.
 */
@Injectable()
export class JobQueue {
  private readonly queues: Record<QueueName, Queue>;
  private readonly running: Record<QueueName, number> = { [QueueName.Previews]: 0, [QueueName.Webhooks]: 0, [QueueName.Render]: 0 };

  constructor(@InjectQueue(QueueName.Previews) previews: Queue, @InjectQueue(QueueName.Webhooks) webhooks: Queue, @InjectQueue(QueueName.Render) render: Queue) {
    this.queues = { [QueueName.Previews]: previews, [QueueName.Webhooks]: webhooks, [QueueName.Render]: render };
  }

  /**
   * Queues a job with its defaults from the job table; a job whose id is still in Redis is not added
   * twice. A job with a lane is prioritized by its lane's fair-queuing tag (fair-order.ts).
   */
  async enqueue<N extends JobName>(job: QueueJob<N>, deadlineMs = 2_000): Promise<void> {
    const started = Date.now();
    const spec = JOBS[job.name];
    const queue = this.queues[spec.queue];
    const jobId = spec.id(job.data);
    const priority = spec.lane ? priorityOf(await this.tag(queue, spec.lane(job.data), deadlineMs / 4)) : undefined;
    await this.call(queue.add(job.name, job.data, { ...bullOptions(spec), jobId, ...(priority === undefined ? {} : { priority }) }), deadlineMs - (Date.now() - started));
  }

  /** True when Redis still holds the job (waiting, active, delayed). */
  async hasJob(queue: QueueName, jobId: string, deadlineMs = 2_000): Promise<boolean> {
    return (await this.call(this.queues[queue].getJob(jobId), deadlineMs)) !== null;
  }

  /**
   * Starts taking `name` jobs, `concurrency` at a time; call once the app is ready. Each attempt gets
   * an AbortSignal that fires at its work deadline (the job table's, or `deadlineMs`); the attempt
   * ends when its handler does, so no more than `concurrency` handlers ever run. A JobDeferredError
   * puts the job back, delayed (250 ms doubling to 10 s, jittered), without using an attempt; a real
   * failure is retried with exponential backoff while attempts remain.
   */
  consume<N extends JobName>(name: N, concurrency: number, handler: JobHandler<N>, deadlineMs = JOBS[name].deadlineMs): void {
    const spec = JOBS[name];
    void this.queues[spec.queue].process(name, concurrency, async (job: Job<JobDataByName[N] & { [FAILURES]?: number }>) => {
      const { [FAILURES]: failures = 0, ...data } = job.data;
      const attempt = failures + 1;
      this.running[spec.queue] += 1;
      try {
        const signal = AbortSignal.timeout(deadlineMs);
        return await handler({ id: String(job.id), name, data: data as JobDataByName[N], attempt, isLastAttempt: attempt >= spec.attempts, signal });
      } catch (error) {
        if (error instanceof JobDeferredError) throw new RetryAfter(deferralDelay(job.attemptsMade - failures), error);
        if (attempt >= spec.attempts) throw new RetryAfter(-1, error);
        // Best effort: if Redis is away, Bull cannot retry the job either.
        await job.update({ ...job.data, [FAILURES]: attempt }).catch(() => undefined);
        throw new RetryAfter(failureDelay(attempt, spec.backoffMs), error);
      } finally {
        this.running[spec.queue] -= 1;
      }
    });
  }

  /** Handlers of `queue` running in this process now. */
  inFlight(queue: QueueName): number {
    return this.running[queue];
  }

  /**
   * Calls `listener` when a job attempt of `queue` ends: in this process (`local`), or in any process
   * (`global`, through Redis pub/sub). Returns the function that stops listening.
   */
  onJobEnd<Q extends QueueName>(queue: Q, scope: 'local' | 'global', listener: (end: JobEnd<Q>) => void): () => void {
    type Result = JobEnd<Q>['result'];
    const q = this.queues[queue];
    const events: Array<[string, Parameters<Queue['removeListener']>[1]]> =
      scope === 'local'
        ? [
            ['completed', (job: Job, result: Result) => listener({ jobId: String(job.id), outcome: 'completed', result, durationMs: spent(job) })],
            ['failed', (job: Job, error: unknown) => listener({ jobId: String(job.id), outcome: isDeferral(error) ? 'deferred' : 'failed', durationMs: spent(job) })],
          ]
        : [
            ['global:completed', (jobId: string | number) => listener({ jobId: String(jobId), outcome: 'completed' })],
            ['global:failed', (jobId: string | number) => listener({ jobId: String(jobId), outcome: 'failed' })],
          ];
    // Bull subscribes to global events on first use and returns a promise for it then.
    for (const [event, handler] of events) void q.on(event, handler);
    return () => {
      for (const [event, handler] of events) q.removeListener(event, handler);
    };
  }

  /** Calls `listener` when a job of `queue` that this process was running lost its lock (Bull's `stalled`). */
  onStalled(queue: QueueName, listener: () => void): () => void {
    const q = this.queues[queue];
    q.on('stalled', listener);
    return () => q.removeListener('stalled', listener);
  }

  async counts(queue: QueueName, deadlineMs = 1_000): Promise<Record<JobState, number>> {
    return this.call(this.queues[queue].getJobCounts(), deadlineMs);
  }

  async ping(deadlineMs = 1_000): Promise<void> {
    await this.call(Promise.all(Object.values(this.queues).map((queue) => queue.client.ping())), deadlineMs);
  }

  /** Stops taking jobs of `queue` and waits for this process's jobs in flight to end. */
  async close(queue: QueueName): Promise<void> {
    await this.queues[queue].close();
  }

  /**
   * The job's fair-queuing tag in `lane` (fair-order.ts), kept in Redis so that every API process and
   * replica shares it. Undefined when there is no lane or no answer in time: the tag only orders jobs,
   * so it must never fail or hold up the enqueue. A duplicate job id still takes a tag (the add that
   * finds it comes after), which only moves its lane one tick later.
   */
  private async tag(queue: Queue, lane: string | null, deadlineMs: number): Promise<number | undefined> {
    if (lane === null) return undefined;
    try {
      // Beside the jobs' keys (prefix:queue:<job id>): no job id of a fairly ordered queue starts with "lane:".
      return Number(await withDeadline(runTagScript(queue.client, queue.toKey(`lane:${lane}`), tagArguments(Date.now())), deadlineMs));
    } catch {
      return undefined;
    }
  }

  private async call<T>(operation: Promise<T>, deadlineMs: number): Promise<T> {
    try {
      return await withDeadline(operation, deadlineMs);
    } catch (error) {
      throw new QueueUnavailableError(error);
    }
  }
}

/** The tag script by its digest; sent whole only when Redis does not hold it yet (NOSCRIPT: a new or restarted Redis). */
async function runTagScript(client: Queue['client'], key: string, args: number[]): Promise<unknown> {
  try {
    return await client.evalsha(TAG_SCRIPT_SHA, 1, key, ...args);
  } catch (error) {
    if (!(error instanceof Error && error.message.startsWith('NOSCRIPT'))) throw error;
    return client.eval(TAG_SCRIPT, 1, key, ...args);
  }
}
