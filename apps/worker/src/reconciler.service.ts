import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService, type Environment } from '@unfurl/config';
import { PreviewJobName } from '@unfurl/contracts';
import { PreviewRepository } from '@unfurl/database';
import { PreviewQueue } from '@unfurl/queue';

const BATCH = 200;

/**
 * The previews table is the truth and a job only a trigger: a pending row whose job vanished
 * (Redis lost it, or was down when the API tried to queue it) is queued again here.
 */
@Injectable()
export class ReconcilerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReconcilerService.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly previews: PreviewRepository,
    private readonly previewQueue: PreviewQueue,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  onApplicationBootstrap(): void {
    const everyMs = Math.max(1_000, (this.config.get('RECONCILE_AFTER_SECONDS', { infer: true }) * 1_000) / 3);
    this.timer = setInterval(() => {
      this.running ??= this.reconcile()
        .then(() => undefined)
        .catch((error: unknown) => this.logger.warn(`reconcile skipped: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => (this.running = undefined));
    }, everyMs);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Returns how many previews were queued again. */
  async reconcile(): Promise<number> {
    const stale = await this.previews.findStalePending(this.config.get('RECONCILE_AFTER_SECONDS', { infer: true }), BATCH);
    let requeued = 0;
    for (const { id, url } of stale) {
      if (await this.previewQueue.hasJob(id)) continue;
      await this.previewQueue.enqueue({ name: PreviewJobName.Unfurl, data: { id, url } });
      requeued += 1;
    }
    await this.previews.touchRequested(stale.map((row) => row.id));
    if (requeued > 0) this.logger.log(`queued ${requeued} pending previews whose job was missing`);
    return requeued;
  }
}
