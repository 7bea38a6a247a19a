import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { Test, type TestingModule } from '@nestjs/testing';
import { UnfurlConfigModule } from '@unfurl/config';
import { PreviewJobName, QueueName, WebhookJobName } from '@unfurl/contracts';
import { JobQueue } from './job-queue';
import { QueueModule } from './queue.module';
import { QueueUnavailableError } from './queue-unavailable.error';

/** A port where nothing listens: taken, then given back. */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('JobQueue without Redis', () => {
  let module: TestingModule;
  let jobs: JobQueue;

  before(async () => {
    Object.assign(process.env, { REDIS_URL: `redis://127.0.0.1:${await closedPort()}`, DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://unused/unfurl' });
    module = await Test.createTestingModule({ imports: [UnfurlConfigModule, QueueModule] }).compile();
    jobs = module.get(JobQueue);
  });

  after(async () => {
    await module?.close();
  });

  it('fails every operation on every queue with QueueUnavailableError, within its deadline', async () => {
    const operations: Array<[string, () => Promise<unknown>]> = [
      ['enqueue a preview', () => jobs.enqueue({ name: PreviewJobName.Unfurl, data: { id: 'x', url: 'https://example.com/' } }, 200)],
      ['enqueue a webhook', () => jobs.enqueue({ name: WebhookJobName.Deliver, data: { callbackId: 'x' } }, 200)],
      ['hasJob', () => jobs.hasJob(QueueName.Webhooks, 'x', 200)],
      ['counts', () => jobs.counts(QueueName.Previews, 200)],
      ['ping', () => jobs.ping(200)],
    ];
    for (const [what, operation] of operations) {
      // The monotonic clock: the wall clock of these machines can jump by seconds mid-test.
      const started = performance.now();
      await assert.rejects(operation(), QueueUnavailableError, what);
      const took = performance.now() - started;
      assert.ok(took < 1_000, `${what} took ${Math.round(took)} ms`);
    }
  });
});
