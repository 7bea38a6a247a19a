import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import { QueueName, type UnfurlJob } from '@unfurl/contracts';
import type { Queue } from 'bull';
import { withDeadline } from './with-deadline';

export class QueueUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`queue unavailable: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}


/** The typed producer: callers add jobs through here, never with `queue.add` and a string. */
@Injectable()
export class PreviewQueue {
  constructor(@InjectQueue(QueueName.Previews) readonly queue: Queue) {}

  /** Queues a job whose id is the preview id, so a second add for the same preview is a no-op. */
  async enqueue(job: UnfurlJob, deadlineMs = 2_000): Promise<void> {
    try {
      await withDeadline(this.queue.add(job.name, job.data, { jobId: job.data.id }), deadlineMs);
    } catch (error) {
      throw new QueueUnavailableError(error);
    }
  }

  /** True when Bull still holds a job for this preview (waiting, active, delayed). */
  async hasJob(id: string, deadlineMs = 2_000): Promise<boolean> {
    const job = await withDeadline(this.queue.getJob(id), deadlineMs);
    return job !== null;
  }

  async ping(deadlineMs = 1_000): Promise<void> {
    await withDeadline(this.queue.client.ping(), deadlineMs);
  }
}
