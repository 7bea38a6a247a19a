import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { WebhookJobName, type UnfurlJobResult } from '@unfurl/contracts';
import { PreviewCallbackRepository } from '@unfurl/database';
import { PreviewQueue, WebhookQueue } from '@unfurl/queue';
import type { Job } from 'bull';

const SWEEP_EVERY_MS = 10_000;
/** A callback queued this long ago and still undelivered lost its job (Redis lost it): queue it again. */
const REQUEUE_AFTER_SECONDS = 3_600;
const BATCH = 200;

/**
 * Queues deliveries when this worker finishes a preview job, and sweeps for callbacks that were
 * missed (a crash between the row write and the dispatch, Redis down at the time).
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookDispatcher.name);
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;
  private readonly onCompleted = (_job: Job, result: UnfurlJobResult | undefined) => {
    if (result?.id) void this.dispatch(() => this.callbacks.claimSettled(result.id));
  };

  constructor(
    private readonly callbacks: PreviewCallbackRepository,
    private readonly previewQueue: PreviewQueue,
    private readonly webhookQueue: WebhookQueue,
  ) {}

  onApplicationBootstrap(): void {
    this.previewQueue.queue.on('completed', this.onCompleted);
    this.timer = setInterval(() => {
      this.sweeping ??= this.dispatch(() => this.callbacks.claimOverdue(REQUEUE_AFTER_SECONDS, BATCH)).finally(() => (this.sweeping = undefined));
    }, SWEEP_EVERY_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.previewQueue.queue.removeListener('completed', this.onCompleted);
    await this.sweeping;
  }

  private async dispatch(claim: () => Promise<string[]>): Promise<void> {
    let ids: string[] = [];
    try {
      ids = await claim();
      for (const callbackId of ids) await this.webhookQueue.enqueue({ name: WebhookJobName.Deliver, data: { callbackId } });
    } catch (error) {
      this.logger.warn(`webhooks not queued yet: ${error instanceof Error ? error.message : String(error)}`);
      await this.callbacks.unclaim(ids).catch(() => undefined);
    }
  }
}
