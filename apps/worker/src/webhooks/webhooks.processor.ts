import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { WebhookJobName, type WebhookJobData } from '@unfurl/contracts';
import { WebhookQueue } from '@unfurl/queue';
import type { Job } from 'bull';
import { WebhookDeliveryService } from './webhook-delivery.service';

/** Deliveries in flight per worker: each is a short POST, mostly waiting on the network. */
const CONCURRENCY = 16;

/** Consumes the webhooks queue once the app is up; stops (finishing in-flight deliveries) on shutdown. */
@Injectable()
export class WebhooksProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WebhooksProcessor.name);

  constructor(
    private readonly webhookQueue: WebhookQueue,
    private readonly delivery: WebhookDeliveryService,
  ) {}

  onApplicationBootstrap(): void {
    void this.webhookQueue.queue.process(WebhookJobName.Deliver, CONCURRENCY, (job: Job<WebhookJobData>) => this.process(job));
    this.logger.log(`consuming ${WebhookJobName.Deliver} jobs, ${CONCURRENCY} at a time`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.webhookQueue.queue.close();
  }

  private process(job: Job<WebhookJobData>): Promise<void> {
    return this.delivery.deliver(job.data.callbackId, job.attemptsMade + 1, job.attemptsMade + 1 >= (job.opts.attempts ?? 1));
  }
}
