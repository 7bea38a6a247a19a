import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { QueueName, WebhookJobName } from '@unfurl/contracts';
import { PreviewCallbackRepository } from '@unfurl/database';
import { JobQueue } from '@unfurl/queue';
import { PeriodicTask } from '../periodic-task';

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
  private readonly sweep = new PeriodicTask(
    () => this.dispatch(() => this.callbacks.claimOverdue(REQUEUE_AFTER_SECONDS, BATCH)),
    (error) => this.warn(error),
  );
  private stopListening?: () => void;

  constructor(
    private readonly callbacks: PreviewCallbackRepository,
    private readonly jobs: JobQueue,
  ) {}

  onApplicationBootstrap(): void {
    this.stopListening = this.jobs.onJobEnd(QueueName.Previews, 'local', ({ outcome, result }) => {
      if (outcome === 'completed' && result?.id && result.callbacks !== false) void this.dispatch(() => this.callbacks.claimSettled(result.id));
    });
    this.sweep.start(SWEEP_EVERY_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopListening?.();
    await this.sweep.stop();
  }

  private async dispatch(claim: () => Promise<string[]>): Promise<void> {
    let ids: string[] = [];
    try {
      ids = await claim();
      for (const callbackId of ids) await this.jobs.enqueue({ name: WebhookJobName.Deliver, data: { callbackId } });
    } catch (error) {
      this.warn(error);
      await this.callbacks.unclaim(ids).catch(() => undefined);
    }
  }

  private warn(error: unknown): void {
    this.logger.warn(`webhooks not queued yet: ${error instanceof Error ? error.message : String(error)}`);
  }
}
