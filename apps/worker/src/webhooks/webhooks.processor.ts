import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { QueueName, WebhookJobName } from '@unfurl/contracts';
import { JobQueue } from '@unfurl/queue';
import { WebhookDeliveryService } from './webhook-delivery.service';

/** Deliveries in flight per worker: each is a short POST, mostly waiting on the network. */
const CONCURRENCY = 16;

/** Consumes the webhooks queue once the app is up; stops (finishing in-flight deliveries) on shutdown. */
@Injectable()
export class WebhooksProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WebhooksProcessor.name);

  constructor(
    private readonly jobs: JobQueue,
    private readonly delivery: WebhookDeliveryService,
  ) {}

  onApplicationBootstrap(): void {
    this.jobs.consume(WebhookJobName.Deliver, CONCURRENCY, (job) => this.delivery.deliver(job.data.callbackId, job.attempt, job.isLastAttempt, job.signal));
    this.logger.log(`consuming ${WebhookJobName.Deliver} jobs, ${CONCURRENCY} at a time`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.jobs.close(QueueName.Webhooks);
  }
}
