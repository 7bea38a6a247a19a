import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import { QueueName, type WebhookJob } from '@unfurl/contracts';
import type { JobOptions, Queue } from 'bull';
import { withDeadline } from './with-deadline';

/**
 * Webhook deliveries: many attempts with exponential backoff (2 s, 4 s, … about 4 minutes in all),
 * because a receiver being down for a moment should not lose the notification.
 */
export const webhookJobOptions: JobOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: true,
  removeOnFail: true,
  timeout: 30_000,
};

/** The typed producer of webhook deliveries. */
@Injectable()
export class WebhookQueue {
  constructor(@InjectQueue(QueueName.Webhooks) readonly queue: Queue) {}

  /** The job id is the callback id: queuing a callback whose job still exists is a no-op. */
  async enqueue(job: WebhookJob, deadlineMs = 2_000): Promise<void> {
    await withDeadline(this.queue.add(job.name, job.data, { ...webhookJobOptions, jobId: job.data.callbackId }), deadlineMs);
  }
}
