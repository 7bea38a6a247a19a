import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import Redis from 'ioredis';
import { Client } from 'pg';
import { createKey } from './support/cli';
import { previewUrl } from './support/http';
import { freePort } from './support/free-port';
import { AppProcess, KillableRedis } from './support/processes';
import { createTestDatabase, testServices } from './support/unfurl-harness';
import { until } from './support/until';
import { Upstream } from './support/upstream';

// The hot cache against real processes: API processes started separately on one PostgreSQL and one
// Redis (as replicas are), one worker. A hit is told from a PostgreSQL read by taking the database
// away from the APIs: only an answer from memory still comes.

const FAILURE_TTL_SECONDS = 2;

interface Read {
  status: number;
  headers: Headers;
  text: string;
}

async function read(url: string, headers: Record<string, string> = {}): Promise<Read> {
  const response = await fetch(url, { headers });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

const title = (answer: Read) => (JSON.parse(answer.text) as { data: { title: string } | null }).data?.title;

/** The sum of a metric's samples in a Prometheus text exposition (0 when absent). */
function metric(exposition: string, name: string): number {
  return exposition
    .split('\n')
    .filter((line) => line.startsWith(`${name} `) || line.startsWith(`${name}{`))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

/** Reads `url` through `api` until it is ready (the first read queues it), then once more so the API keeps it. */
async function warm(api: AppProcess, url: string, headers: Record<string, string> = {}): Promise<Read> {
  const first = await read(previewUrl(api.baseUrl, url, 10_000), headers);
  assert.equal(first.status, 200, first.text);
  const second = await read(previewUrl(api.baseUrl, url), headers);
  assert.equal(second.headers.get('unfurl-cache'), 'HIT');
  return second;
}

/** A page whose title changes on every fetch. */
function countingPage(name: string): (request: IncomingMessage, response: ServerResponse) => void {
  let fetches = 0;
  return (_request, response) => {
    fetches += 1;
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<html><head><title>${name} #${fetches}</title></head></html>`);
  };
}

/** A page whose preview is large (20 images with long URLs and alt texts): about 150 kB serialised. */
function bigPage(name: string): string {
  const images = Array.from({ length: 20 }, (_, i) => {
    const src = `https://images.example/${name}/${i}/${'x'.repeat(3_000)}.png`;
    return `<meta property="og:image" content="${src}"><meta property="og:image:alt" content="${'alt '.repeat(500)}${i}">`;
  });
  return `<html><head><title>${name}</title>${images.join('')}</head></html>`;
}

describe('the hot cache in the API', () => {
  const upstream = new Upstream();
  const apps: AppProcess[] = [];
  let databaseUrl: string;
  let adminKey: string;
  let api1: AppProcess;
  let api2: AppProcess;
  let small: AppProcess;
  let off: AppProcess;
  let queuePrefix: string;

  /** Runs `work` while the test database refuses connections and has none open: PostgreSQL is gone for the APIs. */
  async function withoutDatabase<T>(work: () => Promise<T>): Promise<T> {
    const name = new URL(databaseUrl).pathname.slice(1);
    const admin = new Client({ connectionString: testServices().databaseUrl });
    await admin.connect();
    try {
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
      return await work();
    } finally {
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
      await admin.end();
    }
  }

  const metrics = async (api: AppProcess) => (await read(`${api.baseUrl}/metrics`, { authorization: `Bearer ${adminKey}` })).text;

  before(async () => {
    await upstream.start();
    const services = testServices();
    databaseUrl = await createTestDatabase(services.databaseUrl);
    adminKey = await createKey(databaseUrl, '--name', 'hot-cache-admin', '--admin');
    queuePrefix = `hot-${randomBytes(4).toString('hex')}`;
    const env = {
      DATABASE_URL: databaseUrl,
      REDIS_URL: services.redisUrl,
      QUEUE_PREFIX: queuePrefix,
      ANONYMOUS_RATE_LIMIT_PER_MINUTE: '100000',
      FAILURE_TTL_SECONDS: String(FAILURE_TTL_SECONDS),
      FORCE_MIN_INTERVAL_SECONDS: '1',
      // A key lookup is then a database query on every request, so a hit with a key shows that too is skipped.
      API_KEY_CACHE_SECONDS: '0',
      CORS_ORIGINS: 'https://app.example',
    };
    [api1, api2, small, off] = await Promise.all([
      AppProcess.start('api', env, 'api-1'),
      AppProcess.start('api', env, 'api-2'),
      AppProcess.start('api', { ...env, HOT_CACHE_MB: '1' }, 'api-small'),
      AppProcess.start('api', { ...env, HOT_CACHE_MB: '0' }, 'api-off'),
    ]);
    apps.push(api1, api2, small, off, await AppProcess.start('worker', env));
  });
  after(async () => {
    for (const app of apps) await app.stop('SIGKILL');
    await upstream.stop();
  });

  it('answers a held preview without PostgreSQL, with the body bytes, ETag and headers of a PostgreSQL read', async () => {
    const url = upstream.page('/held', '<html><head><title>Held</title><meta name="description" content="kept in memory"></head></html>');
    const fromDatabase = await warm(api1, url);
    const hit = await withoutDatabase(() => read(previewUrl(api1.baseUrl, url), { origin: 'https://app.example' }));
    assert.equal(hit.status, 200, hit.text);
    assert.equal(hit.headers.get('access-control-allow-origin'), 'https://app.example');
    assert.match(hit.headers.get('access-control-expose-headers') ?? '', /Unfurl-Cache/);
    assert.equal(hit.text, fromDatabase.text);
    assert.equal(hit.headers.get('etag'), fromDatabase.headers.get('etag'));
    assert.equal(hit.headers.get('content-type'), fromDatabase.headers.get('content-type'));
    assert.equal(hit.headers.get('unfurl-cache'), 'HIT');
    assert.match(hit.headers.get('age') ?? '', /^\d+$/);
    assert.match(hit.headers.get('cache-control') ?? '', /^public, max-age=\d+$/);
    const [notModified, otherLanguage, badLanguage, unknownParameter] = await withoutDatabase(() =>
      Promise.all([
        read(previewUrl(api1.baseUrl, url), { 'if-none-match': fromDatabase.headers.get('etag') ?? '' }),
        read(`${previewUrl(api1.baseUrl, url)}&lang=fr`),
        read(`${previewUrl(api1.baseUrl, url)}&lang=`),
        read(`${previewUrl(api1.baseUrl, url)}&colour=red`),
      ]),
    );
    assert.equal(notModified.status, 304);
    assert.equal(notModified.text, '');
    assert.ok(otherLanguage.status >= 500, `another language is another preview, not held: ${otherLanguage.status}`);
    assert.equal(badLanguage.status, 400, 'a bad query is refused as without the cache');
    assert.equal(unknownParameter.status, 400);
  });

  it('does nothing with HOT_CACHE_MB=0: every read goes to PostgreSQL', async () => {
    const url = upstream.page('/not-held', '<html><head><title>Not held</title></head></html>');
    await warm(off, url);
    const answer = await withoutDatabase(() => read(previewUrl(off.baseUrl, url)));
    assert.ok(answer.status >= 500, `${answer.status} ${answer.text}`);
    assert.equal(metric(await metrics(off), 'unfurl_hot_cache_hits_total'), 0);
  });

  it('still checks keys and counts rate limits on a hit', async () => {
    const url = upstream.page('/limited', '<html><head><title>Limited</title></head></html>');
    const key = await createKey(databaseUrl, '--name', 'limited', '--rate-limit', '3');
    const bearer = { authorization: `Bearer ${key}` };
    await read(previewUrl(api1.baseUrl, url, 10_000));
    const answers = [];
    for (let i = 0; i < 4; i += 1) answers.push(await read(previewUrl(api1.baseUrl, url), bearer));
    assert.deepEqual(
      answers.map((answer) => answer.status),
      [200, 200, 200, 429],
    );
    assert.deepEqual(
      answers.map((answer) => answer.headers.get('ratelimit-remaining')),
      ['2', '1', '0', '0'],
    );
    const wrongKey = await read(previewUrl(api1.baseUrl, url), { authorization: `Bearer ${key.slice(0, -2)}zz` });
    assert.equal(wrongKey.status, 401);
    assert.equal(wrongKey.headers.get('www-authenticate'), 'Bearer');
  });

  it('drops a preview in every API process when it is refreshed, purged and fetched again', async () => {
    const url = upstream.route('/changing', countingPage('Changing'));
    await warm(api1, url);
    const held = await read(previewUrl(api2.baseUrl, url));
    await read(previewUrl(api2.baseUrl, url));
    assert.equal(title(held), 'Changing #1');
    const hitsBefore = metric(await metrics(api2), 'unfurl_hot_cache_hits_total');
    assert.ok(hitsBefore >= 1, `api-2 served no hit (${hitsBefore})`);

    await sleep(1_100);
    const refreshed = await read(`${previewUrl(api1.baseUrl, url, 10_000)}&force=true`);
    assert.equal(title(refreshed), 'Changing #2');
    const afterRefresh = await read(previewUrl(api2.baseUrl, url));
    assert.equal(title(afterRefresh), 'Changing #2');
    assert.notEqual(afterRefresh.headers.get('etag'), held.headers.get('etag'));

    await read(previewUrl(api2.baseUrl, url));
    const purged = await fetch(`${api1.baseUrl}/v1/previews?url=${encodeURIComponent(url)}`, { method: 'DELETE', headers: { authorization: `Bearer ${adminKey}` } });
    assert.equal(purged.status, 204);
    // The purge reaches api-2 through Redis pub/sub, a moment after api-1 answered.
    await until(async () => ((await read(previewUrl(api2.baseUrl, url))).headers.get('unfurl-cache') !== 'HIT' ? true : undefined), 'api-2 to drop the purged preview');
    const afterPurge = await read(previewUrl(api2.baseUrl, url, 10_000));
    assert.equal(title(afterPurge), 'Changing #3');
  });

  it('is told of a preview\'s changes, but not of its first fetch, which no process can hold', async () => {
    const heard: string[] = [];
    const listener = new Redis(testServices().redisUrl);
    try {
      listener.on('message', (_channel: string, id: string) => heard.push(id));
      await listener.subscribe(`${queuePrefix}:preview-changed`);
      const url = upstream.route('/announced', countingPage('Announced'));
      const first = await read(previewUrl(api1.baseUrl, url, 10_000));
      assert.equal(title(first), 'Announced #1');
      await sleep(1_100);
      assert.equal(title(await read(`${previewUrl(api1.baseUrl, url, 10_000)}&force=true`)), 'Announced #2');
      // The worker announces before its job ends, so before the refresh is answered; a moment more for delivery.
      const id = (JSON.parse(first.text) as { id: string }).id;
      const ours = () => heard.filter((one) => one === id);
      await until(async () => (ours().length > 0 ? true : undefined), 'the refresh to be announced');
      await sleep(200);
      assert.equal(ours().length, 1);
    } finally {
      listener.disconnect();
    }
  });

  it('never answers past expiresAt', async () => {
    const url = upstream.route('/gone', { status: 404, headers: { 'content-type': 'text/html' }, body: 'gone' });
    const failed = await warm(api1, url);
    assert.equal((JSON.parse(failed.text) as { status: string }).status, 'failed');
    const expiresAt = Date.parse((JSON.parse(failed.text) as { expiresAt: string }).expiresAt);
    const held = await withoutDatabase(() => read(previewUrl(api1.baseUrl, url)));
    assert.equal(held.status, 200, 'a failure is held until it expires');
    await sleep(Math.max(0, expiresAt - Date.now()) + 50);
    const expired = await read(previewUrl(api1.baseUrl, url));
    assert.notEqual(expired.headers.get('unfurl-cache'), 'HIT');
    assert.equal(expired.status, 202);
  });

  it('stays within HOT_CACHE_MB, evicting the least recently used, and says so in /metrics', async () => {
    const urls = Array.from({ length: 12 }, (_, i) => upstream.page(`/big-${i}`, bigPage(`big-${i}`)));
    for (const url of urls) await warm(small, url);
    const exposition = await metrics(small);
    assert.ok(metric(exposition, 'unfurl_hot_cache_evictions_total') > 0, 'nothing evicted');
    const bytes = metric(exposition, 'unfurl_hot_cache_bytes');
    assert.ok(bytes > 0 && bytes <= 1024 * 1024, `holds ${bytes} bytes`);
    assert.ok(metric(exposition, 'unfurl_hot_cache_entries') < urls.length);
    assert.ok(metric(exposition, 'unfurl_hot_cache_misses_total') >= urls.length);
    const [oldest, newest] = await withoutDatabase(() => Promise.all([read(previewUrl(small.baseUrl, urls[0])), read(previewUrl(small.baseUrl, urls.at(-1)!))]));
    assert.equal(newest.status, 200, 'the newest is held');
    assert.ok(oldest.status >= 500, `the oldest was evicted: ${oldest.status}`);
    assert.ok(metric(await metrics(small), 'unfurl_hot_cache_hits_total') >= 1);
  });
});

describe('the hot cache while Redis is away', () => {
  const upstream = new Upstream();
  const apps: AppProcess[] = [];
  let dir: string;
  let redis: KillableRedis;
  let adminKey: string;

  before(async () => {
    await upstream.start();
    dir = await mkdtemp(path.join(os.tmpdir(), 'unfurl-hot-redis-'));
    redis = new KillableRedis(await freePort(), dir);
    await redis.start();
    const databaseUrl = await createTestDatabase(testServices().databaseUrl);
    adminKey = await createKey(databaseUrl, '--name', 'hot-cache-admin', '--admin');
    const env = { DATABASE_URL: databaseUrl, REDIS_URL: redis.url, QUEUE_PREFIX: `hot-${randomBytes(4).toString('hex')}`, ANONYMOUS_RATE_LIMIT_PER_MINUTE: '0' };
    apps.push(...(await Promise.all([AppProcess.start('api', env, 'api-a'), AppProcess.start('api', env, 'api-b'), AppProcess.start('worker', env)])));
  });
  after(async () => {
    for (const app of apps) await app.stop('SIGKILL');
    await redis?.stop();
    await upstream.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('answers nothing from memory while it cannot hear changes, so a purge meanwhile is not missed', async () => {
    const [apiA, apiB] = apps;
    const url = upstream.page('/purged-offline', '<html><head><title>Purged while Redis was away</title></head></html>');
    await warm(apiA, url);
    await read(previewUrl(apiB.baseUrl, url));
    assert.equal((await read(previewUrl(apiB.baseUrl, url))).headers.get('unfurl-cache'), 'HIT');

    await redis.kill();
    const purged = await fetch(`${apiA.baseUrl}/v1/previews?url=${encodeURIComponent(url)}`, { method: 'DELETE', headers: { authorization: `Bearer ${adminKey}` } });
    assert.equal(purged.status, 204);
    // Its announcement is lost with Redis: api-b must not answer the purged preview from memory.
    const whileAway = await read(previewUrl(apiB.baseUrl, url));
    assert.notEqual(whileAway.status, 200, whileAway.text);

    await redis.start();
    let back = await read(previewUrl(apiB.baseUrl, url, 10_000));
    // Until the API's queue connection is back, the new pending row cannot be queued (503).
    for (let i = 0; i < 20 && back.status === 503; i += 1) {
      await sleep(500);
      back = await read(previewUrl(apiB.baseUrl, url, 10_000));
    }
    assert.equal(back.status, 200, back.text);
    assert.equal(back.headers.get('unfurl-cache'), 'MISS');
  });
});
