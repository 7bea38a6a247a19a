import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService, type Environment } from '@unfurl/config';
import { PreviewJobName, QueueName, type UnfurlJobResult } from '@unfurl/contracts';
import { JobQueue, PreviewChanges, type JobRun } from '@unfurl/queue';
import { PinoLogger } from 'nestjs-pino';
import { RenderedService } from './rendered.service';
import { UnfurlService } from './unfurl.service';

/**
 * Consumes the previews queue. Started by hand rather than by decorator so that consuming starts
 * only once the whole app has initialised, with the configured concurrency, and stops first on
 * shutdown: closing the queue waits for the jobs in flight before the database closes.
 */
@Injectable()
export class PreviewsProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(PreviewsProcessor.name);

  constructor(
    private readonly jobs: JobQueue,
    private readonly unfurl: UnfurlService,
    private readonly rendered: RenderedService,
    private readonly config: ConfigService<Environment, true>,
    private readonly pino: PinoLogger,
    private readonly changes: PreviewChanges,
  ) {}

  onApplicationBootstrap(): void {
    const concurrency = this.config.get('WORKER_CONCURRENCY', { infer: true });
    // Bull adds up the concurrency of a queue's named processors, and any slot takes any job: split
    // WORKER_CONCURRENCY so that together they never run more (rendered pages need no network wait).
    const rendered = Math.max(1, Math.floor(concurrency / 8));
    const deadlineMs = this.config.get('PREVIEW_JOB_DEADLINE_MS', { infer: true });
    this.jobs.consume(PreviewJobName.Unfurl, Math.max(1, concurrency - rendered), (job) => this.announced(this.inContext(job, () => this.unfurl.unfurl(job.data, job.isLastAttempt, job.signal))), deadlineMs);
    this.jobs.consume(PreviewJobName.Rendered, rendered, (job) => this.announced(this.inContext(job, () => this.rendered.store(job.data, job.signal))));
    this.logger.log(`consuming ${PreviewJobName.Unfurl} jobs, ${concurrency} at a time`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.jobs.close(QueueName.Previews);
  }

  /**
   * Once the row is written (ready or failed), every API process drops its copy of the preview
   * (PreviewChanges). The result says when there is nothing to drop: a preview's first write (no
   * process holds a copy), or a page handed to the renderer (no write yet).
   */
  private async announced(run: Promise<UnfurlJobResult>): Promise<UnfurlJobResult> {
    const result = await run;
    if (result.announce !== false) await this.changes.publish(result.id);
    return result;
  }

  private inContext(job: JobRun<PreviewJobName>, run: () => Promise<UnfurlJobResult>): Promise<UnfurlJobResult> {
    // Every log line of the job, from whichever service, carries these (nestjs-pino keeps them in
    // AsyncLocalStorage), so one grep for the API's request id follows it into the worker.
    const bindings = { jobId: job.id, previewId: job.data.id, requestId: job.data.requestId, attempt: job.attempt };
    return this.pino.runInContext(run, { bindings });
  }
}
