import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService, type Environment } from '@unfurl/config';
import { PreviewJobName, previewJobId, QueueName } from '@unfurl/contracts';
import { PreviewRepository } from '@unfurl/database';
import { JobQueue } from '@unfurl/queue';
import { PeriodicTask } from '../periodic-task';

const BATCH = 200;

/**
 * The previews table is the truth and a job only a trigger: a pending row whose job vanished
 * (Redis lost it, or was down when the API tried to queue it) is queued again here.
 */
@Injectable()
export class ReconcilerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReconcilerService.name);
  private readonly task = new PeriodicTask(
    () => this.reconcile(),
    (error) => this.logger.warn(`reconcile skipped: ${error instanceof Error ? error.message : String(error)}`),
  );

  constructor(
    private readonly previews: PreviewRepository,
    private readonly jobs: JobQueue,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start(Math.max(1_000, (this.config.get('RECONCILE_AFTER_SECONDS', { infer: true }) * 1_000) / 3));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }

  /** Returns how many previews were queued again. */
  async reconcile(): Promise<number> {
    const stale = await this.previews.findStalePending(this.config.get('RECONCILE_AFTER_SECONDS', { infer: true }), BATCH);
    let requeued = 0;
    for (const { id, url, lang } of stale) {
      if (await this.jobs.hasJob(QueueName.Previews, id)) continue;
      // Sent on to the renderer, or back from it: its job is not lost, only elsewhere.
      if ((await this.jobs.hasJob(QueueName.Render, id)) || (await this.jobs.hasJob(QueueName.Previews, previewJobId(PreviewJobName.Rendered, id)))) continue;
      await this.jobs.enqueue({ name: PreviewJobName.Unfurl, data: { id, url, ...(lang ? { lang } : {}) } });
      requeued += 1;
    }
    await this.previews.touchRequested(stale.map((row) => row.id));
    if (requeued > 0) this.logger.log(`queued ${requeued} pending previews whose job was missing`);
    return requeued;
  }
}
