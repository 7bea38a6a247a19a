import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { HangingHost } from './support/hanging-host';
import { postJson, previewUrl, request } from './support/http';
import { AppProcess } from './support/processes';
import { createTestDatabase, testServices } from './support/unfurl-harness';
import { Upstream } from './support/upstream';

// One host that never answers must not stall the others (fairness), its jobs must stop at their
// deadline (cancellation), and its backlog must settle fast (the host breaker). Real API and worker
// processes, real PostgreSQL and Redis. The bounds below are far above what the code needs and far
// below what a worker that waits for host slots takes; speed itself is measured by bench/host-fairness.

interface Preview {
  id: string;
  status: string;
  error: { code: string } | null;
}

/** An API and a worker on a database and queue prefix of their own; with `workerLater`, the worker starts on `startWorker()`. */
async function deployment(extra: Record<string, string>, workerLater = false) {
  const shared = testServices();
  const databaseUrl = await createTestDatabase(shared.databaseUrl);
  const env = {
    DATABASE_URL: databaseUrl,
    REDIS_URL: shared.redisUrl,
    QUEUE_PREFIX: `fair-${randomBytes(4).toString('hex')}`,
    BATCH_MAX_URLS: '1000',
    RATE_LIMIT_PER_MINUTE: '0',
    ANONYMOUS_RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'warn',
    ...extra,
  };
  const api = await AppProcess.start('api', env);
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const deployed = {
    api,
    worker: workerLater ? undefined : await AppProcess.start('worker', env),
    db,
    async startWorker(): Promise<AppProcess> {
      deployed.worker = await AppProcess.start('worker', env);
      return deployed.worker;
    },
    /** Queues `count` previews of the hanging host, in batches of at most 1,000. */
    async queueBacklog(host: HangingHost, count: number): Promise<void> {
      for (let from = 0; from < count; from += 1_000) {
        const urls = Array.from({ length: Math.min(1_000, count - from) }, (_, i) => `${host.baseUrl}/hang-${from + i}`);
        const created = await postJson(`${api.baseUrl}/v1/batches`, { urls });
        assert.equal(created.status, 202, JSON.stringify(created.body));
      }
    },
    async stop(): Promise<void> {
      await deployed.worker?.stop('SIGKILL');
      await api.stop('SIGKILL');
      await db.end();
    },
  };
  return deployed;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms: number): Promise<T> {
  const deadline = performance.now() + ms;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (performance.now() > deadline) assert.fail(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(100);
  }
}

async function metric(worker: AppProcess | undefined, name: string): Promise<number | undefined> {
  assert.ok(worker, 'the worker has started');
  const text = await (await fetch(`${worker.baseUrl}/metrics`, { signal: AbortSignal.timeout(5_000) })).text();
  const line = text.split('\n').find((row) => row.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.split(' ')[1]);
}

describe('a host that never answers does not stall previews of other hosts', () => {
  const backlog = 3_000;
  const upstream = new Upstream();
  const hanging = new HangingHost();
  let unfurl: Awaited<ReturnType<typeof deployment>>;
  before(async () => {
    await upstream.start();
    await hanging.start();
    // A fetch timeout longer than the test: the healthy preview cannot owe its turn to the hanging fetches ending.
    // The worker starts once everything is queued, so the whole backlog is ahead of the healthy preview.
    unfurl = await deployment({ FETCH_TIMEOUT_MS: '60000' }, true);
  });
  after(async () => {
    await unfurl?.stop();
    await hanging.stop();
    await upstream.stop();
  });

  it(`takes a healthy preview before most of ${backlog} jobs of the hanging host queued ahead of it were taken even once`, { timeout: 120_000 }, async (t) => {
    await unfurl.queueBacklog(hanging, backlog);
    // Read when the healthy page is fetched: how many times the worker had taken a backlog job and set it aside by then.
    let deferredBeforeHealthy: number | undefined;
    const deferralsNow = async () => {
      // The worker may take jobs before it answers /health/live and startWorker() returns.
      while (!unfurl.worker) await sleep(5);
      return metric(unfurl.worker, 'unfurl_jobs_deferred_total');
    };
    const healthy = upstream.route('/healthy', (_request, response) => {
      void deferralsNow()
        .catch(() => undefined)
        .then((deferred) => {
          deferredBeforeHealthy ??= deferred ?? 0;
          response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<title>Healthy</title>');
        });
    });
    const first = await request<Preview>(previewUrl(unfurl.api.baseUrl, healthy));
    assert.equal(first.status, 202);
    const worker = await unfurl.startWorker();
    const started = performance.now();
    const ready = await until('the healthy preview to be ready', async () => {
      const answer = await request<Preview>(`${unfurl.api.baseUrl}/v1/previews/${first.body.id}`);
      return answer.body.status === 'ready' ? answer.body : undefined;
    }, 60_000);
    t.diagnostic(`healthy preview ready ${Math.round(performance.now() - started)} ms after the worker started; ${deferredBeforeHealthy} deferrals before its fetch`);
    assert.equal(ready.status, 'ready');
    // Taken in arrival order, the healthy job would come after every backlog job had been taken once:
    // all but the 8 holding the host's slots set aside, backlog - 8 deferrals.
    assert.ok(deferredBeforeHealthy !== undefined && deferredBeforeHealthy < backlog / 3, `the healthy job was taken before most of the backlog (${deferredBeforeHealthy} deferrals)`);
    assert.ok(hanging.open <= 8, `at most FETCH_PER_HOST_CONCURRENCY connections to the hanging host (${hanging.open})`);
    await until('jobs of the saturated host to be deferred', async () => (((await metric(worker, 'unfurl_jobs_deferred_total')) ?? 0) > 0 ? true : undefined), 30_000);
  });
});

describe('a job past its deadline', () => {
  const hanging = new HangingHost();
  let unfurl: Awaited<ReturnType<typeof deployment>>;
  before(async () => {
    await hanging.start();
    // The breaker would stop the later jobs from connecting at all: this test is about the ones that do.
    unfurl = await deployment({ FETCH_TIMEOUT_MS: '60000', PREVIEW_JOB_DEADLINE_MS: '2000', WORKER_CONCURRENCY: '4', FETCH_PER_HOST_CONCURRENCY: '16', HOST_BREAKER_FAILURES: '1000' });
  });
  after(async () => {
    await unfurl?.stop();
    await hanging.stop();
  });

  it('aborts its fetch (the host sees the connection closed) and never runs more handlers than WORKER_CONCURRENCY', { timeout: 120_000 }, async (t) => {
    await unfurl.queueBacklog(hanging, 12);
    let peak = 0;
    await until('12 connections opened and closed by the worker', async () => {
      peak = Math.max(peak, (await metric(unfurl.worker, 'unfurl_jobs_in_flight')) ?? Infinity);
      const closed = hanging.connections.filter((connection) => connection.closedAt !== undefined);
      return closed.length >= 12 ? closed : undefined;
    }, 60_000);
    t.diagnostic(`connections: ${hanging.connections.length}, peak in flight ${peak}`);
    const held = hanging.connections.filter((c) => c.closedAt !== undefined).map((c) => c.closedAt! - c.openedAt);
    assert.ok(Math.max(...held) < 10_000, `each connection closed at the 2 s deadline, not the 60 s fetch timeout (longest ${Math.max(...held)} ms)`);
    assert.ok(peak <= 4, `handlers in flight peaked at ${peak}`);
    assert.ok(hanging.connections.length - hanging.connections.filter((c) => c.closedAt !== undefined).length <= 4);
  });
});

describe('the backlog of a dead host', () => {
  const hanging = new HangingHost();
  let unfurl: Awaited<ReturnType<typeof deployment>>;
  before(async () => {
    await hanging.start();
    unfurl = await deployment({ FETCH_TIMEOUT_MS: '5000' });
  });
  after(async () => {
    await unfurl?.stop();
    await hanging.stop();
  });

  it('settles fast: every preview failed with HOST_UNAVAILABLE or a timeout, and the breaker shows open', { timeout: 180_000 }, async (t) => {
    const started = performance.now();
    await unfurl.queueBacklog(hanging, 500);
    await until('all 500 previews to settle', async () => {
      const { rows } = await unfurl.db.query<{ pending: string }>(`SELECT count(*) AS pending FROM previews WHERE status = 'pending'`);
      return rows[0].pending === '0' ? true : undefined;
    }, 90_000);
    t.diagnostic(`500 previews of a dead host settled in ${Math.round(performance.now() - started)} ms`);
    const { rows } = await unfurl.db.query<{ code: string; n: string }>(`SELECT error_code AS code, count(*) AS n FROM previews GROUP BY error_code`);
    t.diagnostic(JSON.stringify(rows));
    assert.deepEqual(rows.map((row) => row.code).filter((code) => code !== 'HOST_UNAVAILABLE' && code !== 'UPSTREAM_TIMEOUT'), []);
    assert.ok(rows.some((row) => row.code === 'HOST_UNAVAILABLE'));
    assert.equal(await metric(unfurl.worker, 'unfurl_host_breakers_open'), 1);
    assert.ok(((await metric(unfurl.worker, 'unfurl_host_breaker_refused_total')) ?? 0) > 0);
  });
});
