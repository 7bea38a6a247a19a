import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { freePort } from './support/free-port';
import { previewUrl, type Answer } from './support/http';
import { AppProcess, KillableRedis, services } from './support/processes';
import { createTestDatabase, testServices } from './support/unfurl-harness';
import { until } from './support/until';
import { Upstream } from './support/upstream';

// Fault tests against the real, tsc-built apps as child processes: a worker is SIGKILLed or
// SIGTERMed mid-job, Redis is killed and started again, PostgreSQL is stopped and started again.
// Waits below are bounds that only detect a hang or a lost job; nothing asserts on speed.

interface PreviewBody {
  id: string;
  status: string;
  data: { title: string } | null;
  code?: string;
}

const page = (title: string) => `<html><head><title>${title}</title></head><body></body></html>`;

/** GET with a bound: a request that does not answer in `ms` fails the test as a hang. */
async function get(url: string, ms = 15_000): Promise<Answer<PreviewBody>> {
  const response = await fetch(url, { signal: AbortSignal.timeout(ms) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : null) as PreviewBody };
}

const readyPreview = (baseUrl: string, id: string, tries?: number) =>
  until(
    async () => {
      const answer = await get(`${baseUrl}/v1/previews/${id}`);
      return answer.body.status === 'ready' ? answer.body : undefined;
    },
    `preview ${id} ready`,
    tries,
  );

/** Counts the writes that settle a preview (pending -> ready/failed, or a ready row rewritten). */
async function countSettlingWrites(databaseUrl: string): Promise<Client> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query(`
    CREATE TABLE settle_log (preview_id varchar(32), status varchar(16), at timestamptz DEFAULT clock_timestamp());
    CREATE FUNCTION log_settle() RETURNS trigger AS $$
      BEGIN INSERT INTO settle_log (preview_id, status) VALUES (NEW.id, NEW.status); RETURN NEW; END $$ LANGUAGE plpgsql;
    CREATE TRIGGER previews_settle AFTER UPDATE ON previews FOR EACH ROW
      WHEN (NEW.status <> 'pending' AND NEW.fetched_at IS DISTINCT FROM OLD.fetched_at) EXECUTE FUNCTION log_settle();`);
  return client;
}

function appEnv(databaseUrl: string, redisUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, QUEUE_PREFIX: `fault-${randomBytes(4).toString('hex')}`, ...extra };
}

describe('worker killed with SIGKILL mid-job', () => {
  const upstream = new Upstream();
  const started: AppProcess[] = [];
  let api: AppProcess;
  let db: Client;
  let env: Record<string, string>;
  before(async () => {
    await upstream.start();
    const { databaseUrl, redisUrl } = testServices();
    const url = await createTestDatabase(databaseUrl);
    db = await countSettlingWrites(url);
    env = appEnv(url, redisUrl);
    api = await AppProcess.start('api', env);
    started.push(api);
  });
  after(async () => {
    for (const app of started) await app.stop('SIGKILL');
    await db?.end();
    await upstream.stop();
  });

  it('completes the preview on another worker, fetching the page at most once more, with one settling write', async (t) => {
    const worker = await AppProcess.start('worker', env, 'worker-1');
    started.push(worker);
    const url = upstream.page('/slow', page('Survivor'), 2_000);
    const first = await get(previewUrl(api.baseUrl, url));
    assert.equal(first.status, 202);
    await until(async () => (upstream.hitCount('/slow') === 1 ? true : undefined), 'the worker to start fetching');
    const killed = await worker.stop('SIGKILL');
    assert.equal(killed.signal, 'SIGKILL');
    assert.equal((await get(`${api.baseUrl}/v1/previews/${first.body.id}`)).body.status, 'pending');

    // The dead worker's lock on the job expires (lockDuration), Bull's stalled check puts it back, the new worker takes it.
    const killedAt = performance.now();
    const replacement = await AppProcess.start('worker', env, 'worker-2');
    started.push(replacement);
    // Up to lockDuration (30 s) + stalledInterval (15 s) + the fetch; the bound only detects a lost job.
    const ready = await readyPreview(api.baseUrl, first.body.id, 1_200);
    t.diagnostic(`recovered ${((performance.now() - killedAt) / 1000).toFixed(1)} s after the kill`);
    assert.equal(ready.data?.title, 'Survivor');
    assert.ok(upstream.hitCount('/slow') <= 2, `upstream hit ${upstream.hitCount('/slow')} times`);
    const writes = await db.query(`SELECT status FROM settle_log WHERE preview_id = $1`, [first.body.id]);
    assert.deepEqual(writes.rows, [{ status: 'ready' }]);
  });
});

describe('worker stopped with SIGTERM while jobs are in flight', () => {
  const upstream = new Upstream();
  let api: AppProcess | undefined;
  let worker: AppProcess | undefined;
  let databaseUrl: string;
  const webhookSecret = `whsec-${randomBytes(12).toString('hex')}`;
  before(async () => {
    await upstream.start();
    const shared = testServices();
    databaseUrl = await createTestDatabase(shared.databaseUrl);
    const env = appEnv(databaseUrl, shared.redisUrl, { LOG_LEVEL: 'debug', WEBHOOK_SECRET: webhookSecret });
    api = await AppProcess.start('api', env);
    worker = await AppProcess.start('worker', env);
  });
  after(async () => {
    await worker?.stop('SIGKILL');
    await api?.stop('SIGKILL');
    await upstream.stop();
  });

  it('finishes the jobs in flight and writes their rows before the process exits', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const url = upstream.page(`/inflight-${i}`, page(`In flight ${i}`), 1_500);
      ids.push((await get(previewUrl(api!.baseUrl, url))).body.id);
    }
    await until(async () => ([0, 1, 2, 3, 4].every((i) => upstream.hitCount(`/inflight-${i}`) === 1) ? true : undefined), 'all five fetches in flight');
    const exit = await worker!.stop('SIGTERM');
    // Nest re-raises the signal once its shutdown hooks are done, so a graceful exit reads as "killed by SIGTERM".
    assert.ok(exit.code === 0 || exit.signal === 'SIGTERM', `exit ${JSON.stringify(exit)}`);
    assert.ok(!/"level":50/.test(worker!.output), worker!.output.slice(-2000));
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const rows = await client.query(`SELECT status FROM previews WHERE id = ANY($1)`, [ids]);
      assert.deepEqual(rows.rows.map((row: { status: string }) => row.status), ['ready', 'ready', 'ready', 'ready', 'ready']);
    } finally {
      await client.end();
    }
  });

  it('never writes the webhook secret or an API key to the logs', async () => {
    const key = `unf_abcdefgh_${randomBytes(32).toString('base64url')}`;
    await get(`${api!.baseUrl}/v1/previews/0123456789abcdef0123456789abcdef`, 5_000).catch(() => undefined);
    await fetch(`${api!.baseUrl}/v1/previews/0123456789abcdef0123456789abcdef`, { headers: { authorization: `Bearer ${key}` } }).then((r) => r.arrayBuffer());
    await sleep(200);
    assert.ok(api!.output.includes('"level":'), 'the API logged at debug level');
    assert.ok(!api!.output.includes(key.slice(13)), 'API key in API logs');
    assert.ok(!api!.output.includes(webhookSecret) && !worker!.output.includes(webhookSecret), 'webhook secret in logs');
  });
});

describe('Redis killed and started again', () => {
  const upstream = new Upstream();
  let redis: KillableRedis;
  let dir: string;
  let api: AppProcess | undefined;
  let worker: AppProcess | undefined;
  before(async () => {
    await upstream.start();
    dir = await mkdtemp(path.join(os.tmpdir(), 'unfurl-redis-fault-'));
    redis = new KillableRedis(await freePort(), dir);
    await redis.start();
    const databaseUrl = await createTestDatabase(testServices().databaseUrl);
    const env = appEnv(databaseUrl, redis.url, { RECONCILE_AFTER_SECONDS: '2', RETRY_AFTER_SECONDS: '2' });
    api = await AppProcess.start('api', env);
    worker = await AppProcess.start('worker', env);
  });
  after(async () => {
    await worker?.stop('SIGKILL');
    await api?.stop('SIGKILL');
    await redis?.stop();
    await upstream.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('serves cached previews, answers new URLs 503 at once, and completes pending work once Redis is back', async () => {
    const cachedUrl = upstream.page('/cached', page('Cached'));
    const cached = await get(previewUrl(api!.baseUrl, cachedUrl, 5_000));
    assert.equal(cached.body.status, 'ready');

    await redis.kill();
    for (let i = 0; i < 20; i++) {
      const answer = await get(previewUrl(api!.baseUrl, cachedUrl));
      assert.equal(answer.status, 200);
      assert.equal(answer.body.data?.title, 'Cached');
    }
    const lateUrl = upstream.page('/while-down', page('While down'));
    const refused = await get(previewUrl(api!.baseUrl, lateUrl, 5_000));
    assert.equal(refused.status, 503);
    assert.equal(refused.body.code, 'QUEUE_UNAVAILABLE');
    assert.equal(refused.headers.get('retry-after'), '2');
    const pendingId = (await get(previewUrl(api!.baseUrl, lateUrl))).body.id;
    assert.equal((await get(`${api!.baseUrl}/v1/previews/${pendingId}`)).body.status, 'pending');

    await redis.start();
    // No app is restarted: ioredis reconnects, the reconciler queues the pending row, the worker takes it.
    const ready = await readyPreview(api!.baseUrl, pendingId);
    assert.equal(ready.data?.title, 'While down');
    const fresh = await get(previewUrl(api!.baseUrl, upstream.page('/after', page('After')), 5_000));
    assert.equal(fresh.body.status, 'ready');
    assert.equal(fresh.body.data?.title, 'After');
  });
});

describe('PostgreSQL stopped and started again', () => {
  const upstream = new Upstream();
  let dir: string;
  let pg: Awaited<ReturnType<Awaited<ReturnType<typeof services>>['startEmbeddedPostgres']>> | undefined;
  let api: AppProcess | undefined;
  let worker: AppProcess | undefined;
  before(async () => {
    await upstream.start();
    dir = await mkdtemp(path.join(os.tmpdir(), 'unfurl-pg-fault-'));
    const { chmod } = await import('node:fs/promises');
    await chmod(dir, 0o755);
    pg = await (await services()).startEmbeddedPostgres({ port: await freePort(), dir: path.join(dir, 'pg'), persistent: true });
    const databaseUrl = await createTestDatabase(pg.url);
    const env = appEnv(databaseUrl, testServices().redisUrl, { RETRY_AFTER_SECONDS: '2' });
    api = await AppProcess.start('api', env);
    worker = await AppProcess.start('worker', env);
  });
  after(async () => {
    await worker?.stop('SIGKILL');
    await api?.stop('SIGKILL');
    await pg?.stop().catch(() => undefined);
    await upstream.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('answers 503 DATABASE_UNAVAILABLE while it is down and recovers by itself', async () => {
    const url = upstream.page('/kept', page('Kept'));
    const cached = await get(previewUrl(api!.baseUrl, url, 5_000));
    assert.equal(cached.body.status, 'ready');

    await pg!.client.stop();
    for (let i = 0; i < 5; i++) {
      const down = await get(previewUrl(api!.baseUrl, url));
      assert.equal(down.status, 503);
      assert.equal(down.body.code, 'DATABASE_UNAVAILABLE');
      assert.match(down.headers.get('content-type') ?? '', /^application\/problem\+json/);
      assert.equal(down.headers.get('retry-after'), '2');
    }

    await pg!.client.start();
    const back = await until(async () => {
      const answer = await get(previewUrl(api!.baseUrl, url));
      return answer.status === 200 ? answer : undefined;
    }, 'the API to serve again');
    assert.equal(back.body.data?.title, 'Kept');
    const fresh = await get(previewUrl(api!.baseUrl, upstream.page('/after-pg', page('After PG')), 10_000));
    assert.equal(fresh.body.status, 'ready');
  });
});
