import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService, type Environment } from '@unfurl/config';
import { PreviewJobName, type UnfurlJobData, type UnfurlJobResult } from '@unfurl/contracts';
import { PreviewQueue } from '@unfurl/queue';
import type { Job } from 'bull';
import { PinoLogger } from 'nestjs-pino';
import { UnfurlService } from './unfurl/unfurl.service';

/**
 * Consumes the previews queue. Registered by hand rather than with @Process so that consuming
 * starts only once the whole app has initialised, with the configured concurrency, and stops first
 * on shutdown: Bull's close() waits for the jobs in flight before the database closes.
 */
@Injectable()
export class PreviewsProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(PreviewsProcessor.name);

  constructor(
    private readonly previewQueue: PreviewQueue,
    private readonly unfurl: UnfurlService,
    private readonly config: ConfigService<Environment, true>,
    private readonly pino: PinoLogger,
  ) {}

  onApplicationBootstrap(): void {
    const concurrency = this.config.get('WORKER_CONCURRENCY', { infer: true });
    void this.previewQueue.queue.process(PreviewJobName.Unfurl, concurrency, (job: Job<UnfurlJobData>) => this.process(job));
    this.logger.log(`consuming ${PreviewJobName.Unfurl} jobs, ${concurrency} at a time`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.previewQueue.queue.close();
  }

  private process(job: Job<UnfurlJobData>): Promise<UnfurlJobResult> {
    // Every log line of the job, from whichever service, carries these (nestjs-pino keeps them in
    // AsyncLocalStorage), so one grep for the API's request id follows it into the worker.
    const bindings = { jobId: String(job.id), previewId: job.data.id, requestId: job.data.requestId, attempt: job.attemptsMade + 1 };
    return this.pino.runInContext(() => this.unfurl.unfurl(job.data, job.attemptsMade + 1 >= (job.opts.attempts ?? 1)), { bindings });
  }
}
