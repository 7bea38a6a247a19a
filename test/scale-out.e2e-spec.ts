import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { previewUrl, request } from './support/http';
import { AppProcess } from './support/processes';
import { createTestDatabase, testServices } from './support/unfurl-harness';
import { Upstream } from './support/upstream';

// Two API replicas and two workers, each started on its own (not a cluster), on one PostgreSQL and
// one Redis. Half-way through 500 new URLs one API and one worker are SIGKILLed. Every preview that
// was accepted must end ready, and no page may be fetched more than twice (once by the dead worker,
// once by its heir). Waits are bounds that only detect a lost job.

const URLS = 500;

interface PreviewBody {
  id: string;
  status: string;
}

describe('scale-out under faults: two API replicas and two workers, one of each killed mid-way', () => {
  const upstream = new Upstream();
  const apps: AppProcess[] = [];
  let env: Record<string, string>;

  before(async () => {
    await upstream.start();
    const { databaseUrl, redisUrl } = testServices();
    env = { DATABASE_URL: await createTestDatabase(databaseUrl), REDIS_URL: redisUrl, QUEUE_PREFIX: `scale-${randomBytes(4).toString('hex')}`, ANONYMOUS_RATE_LIMIT_PER_MINUTE: '100000' };
    apps.push(
      await AppProcess.start('api', env, 'api-1'),
      await AppProcess.start('api', env, 'api-2'),
      await AppProcess.start('worker', env, 'worker-1'),
      await AppProcess.start('worker', env, 'worker-2'),
    );
  });
  after(async () => {
    for (const app of apps) await app.stop('SIGKILL');
    await upstream.stop();
  });

  it('ends every accepted preview ready and fetches each URL at most twice', async (t) => {
    const [api1, api2, worker1] = apps;
    const urls = Array.from({ length: URLS }, (_, i) => upstream.page(`/page-${i}`, `<html><head><title>Page ${i}</title></head></html>`, 20 + (i % 7) * 30));
    const accepted = new Map<string, string>();
    let killed = false;
    for (let start = 0; start < URLS; start += 25) {
      if (!killed && start >= URLS / 2) {
        await Promise.all([api1.stop('SIGKILL'), worker1.stop('SIGKILL')]);
        killed = true;
      }
      await Promise.all(
        urls.slice(start, start + 25).map(async (url, i) => {
          // Like a load balancer: alternate replicas while both live, the survivor afterwards.
          const api = killed || i % 2 ? api2 : api1;
          const answer = await request<PreviewBody>(previewUrl(api.baseUrl, url));
          if (answer.status === 200 || answer.status === 202) accepted.set(url, answer.body.id);
        }),
      );
    }
    assert.equal(accepted.size, URLS, 'every request was sent to a live replica and accepted');

    const waiting = new Set(accepted.values());
    const startedAt = performance.now();
    while (waiting.size > 0 && performance.now() - startedAt < 180_000) {
      for (const id of waiting) {
        const answer = await request<PreviewBody>(`${api2.baseUrl}/v1/previews/${id}`);
        assert.notEqual(answer.body.status, 'failed', `preview ${id} failed`);
        if (answer.body.status === 'ready') waiting.delete(id);
      }
      if (waiting.size > 0) await sleep(500);
    }
    t.diagnostic(`all ready ${((performance.now() - startedAt) / 1000).toFixed(1)} s after the last request`);
    assert.equal(waiting.size, 0, `${waiting.size} accepted previews never became ready`);
    const overFetched = urls.map((url) => new URL(url).pathname).filter((path) => upstream.hitCount(path) > 2);
    assert.deepEqual(overFetched, []);
  });
});
