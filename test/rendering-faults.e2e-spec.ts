import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Redis from 'ioredis';
import { Client } from 'pg';
import { descendantProcesses } from '../apps/renderer/src/browser/process-tree';
import { CHROMIUM, skipWithoutChromium } from './support/chromium';
import { freePort } from './support/free-port';
import { request } from './support/http';
import { AppProcess, services } from './support/processes';
import { createTestDatabase, testServices } from './support/unfurl-harness';
import { until } from './support/until';
import { Upstream } from './support/upstream';

// Faults of the rendering pipeline against the real, tsc-built apps as child processes (as in
// faults.e2e-spec.ts): Redis refusing the render job, and Chromium killed in the middle of a page.
// Waits are bounds that only detect a hang or a lost job; nothing asserts on speed.

const noChromium = skipWithoutChromium('rendering tests');

interface PreviewBody {
  id: string;
  status: string;
  data: { title: string | null; fetchMode?: string; renderError?: { code: string; message: string } } | null;
  error: { code: string } | null;
}

/** Asks for `url` without waiting (202) and returns the preview's id. */
async function ask(baseUrl: string, url: string, params: string): Promise<string> {
  const answer = await request<PreviewBody>(`${baseUrl}/v1/previews?url=${encodeURIComponent(url)}${params}`);
  assert.equal(answer.status, 202);
  return answer.body.id;
}

const settled = (baseUrl: string, id: string) =>
  until(async () => {
    const answer = await request<PreviewBody>(`${baseUrl}/v1/previews/${id}`);
    // Only a preview's own answer counts (a 503 problem under load is asked again).
    return answer.status !== 200 || answer.body.status === 'pending' ? undefined : answer.body;
  }, `preview ${id} settled`);

/** API, worker and renderer alike: a queue prefix of their own, rendering on. */
const appEnv = (databaseUrl: string, redisUrl: string) => ({
  DATABASE_URL: databaseUrl,
  REDIS_URL: redisUrl,
  QUEUE_PREFIX: `render-fault-${randomBytes(4).toString('hex')}`,
  RENDER_ENABLED: 'true',
  CHROMIUM_PATH: CHROMIUM,
});

describe('a render job Redis refuses (no renderer needed)', () => {
  const upstream = new Upstream();
  let dir: string;
  let redis: Awaited<ReturnType<Awaited<ReturnType<typeof services>>['startRedis']>> | undefined;
  let admin: Redis | undefined;
  let db: Client | undefined;
  let api: AppProcess | undefined;
  let worker: AppProcess | undefined;
  let prefix = '';

  before(async () => {
    await upstream.start();
    dir = await mkdtemp(path.join(os.tmpdir(), 'unfurl-render-refused-'));
    const lib = await services();
    redis = await lib.startRedis({ port: await freePort(), dir, binary: (await lib.findRedisServer()) ?? 'redis-server' });
    admin = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    const databaseUrl = await createTestDatabase(testServices().databaseUrl);
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
    const env = appEnv(databaseUrl, redis.url);
    prefix = env.QUEUE_PREFIX;
    api = await AppProcess.start('api', env);
    worker = await AppProcess.start('worker', env);
  });
  after(async () => {
    await admin?.config('SET', 'maxmemory', '0').catch(() => undefined);
    await worker?.stop('SIGKILL');
    await api?.stop('SIGKILL');
    admin?.disconnect();
    await db?.end();
    await redis?.stop();
    await upstream.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('stores the static read with renderError RENDER_UNAVAILABLE instead of failing the preview', async () => {
    // The worker has taken the job when it fetches the page: from then on Redis refuses every write
    // (maxmemory reached, noeviction), so the render job cannot be added.
    const url = upstream.route('/refused', (_, response: ServerResponse) => {
      void admin!.config('SET', 'maxmemory', '1').then(() =>
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<html><head><title>Read statically</title></head><body><p>Text</p></body></html>'),
      );
    });
    const id = await ask(api!.baseUrl, url, '&render=always');
    const row = await until(async () => {
      const { rows } = await db!.query<{ status: string; ttl: number }>('SELECT status, EXTRACT(EPOCH FROM expires_at - fetched_at)::int AS ttl FROM previews WHERE id = $1', [id]);
      return rows[0]?.status === 'pending' ? undefined : rows[0];
    }, 'the row settled');
    await admin!.config('SET', 'maxmemory', '0');
    assert.equal(row.status, 'ready');
    assert.equal(row.ttl, 300, 'kept for FAILURE_TTL_SECONDS, not a day: the page is rendered once the renderer can be asked again');
    const preview = (await request<PreviewBody>(`${api!.baseUrl}/v1/previews/${id}`)).body;
    assert.equal(preview.status, 'ready');
    assert.equal(preview.error, null);
    assert.equal(preview.data?.title, 'Read statically');
    assert.equal(preview.data?.fetchMode, 'static');
    // A public code and its fixed sentence: nothing of Redis's own error reaches the client.
    assert.deepEqual(preview.data?.renderError, { code: 'RENDER_UNAVAILABLE', message: 'the page could not be handed to the renderer; it was read without running its scripts' });
    assert.deepEqual(await admin!.keys(`${prefix}:render:*`), [], 'no render job got into Redis');
    assert.match(worker!.output, /render job refused, static read kept/);
  });
});

describe('Chromium killed in the middle of a page (API, worker and renderer processes)', { skip: noChromium }, () => {
  const upstream = new Upstream();
  let api: AppProcess | undefined;
  let worker: AppProcess | undefined;
  let renderer: AppProcess | undefined;
  /** The script's request that is held open on the first visit: the page is mid-render while it hangs. */
  const held: ServerResponse[] = [];

  before(async () => {
    await upstream.start();
    const databaseUrl = await createTestDatabase(testServices().databaseUrl);
    const env = appEnv(databaseUrl, testServices().redisUrl);
    api = await AppProcess.start('api', env);
    worker = await AppProcess.start('worker', env);
    renderer = await AppProcess.start('renderer', env);
  });
  after(async () => {
    for (const response of held) response.destroy();
    await renderer?.stop();
    await worker?.stop();
    await api?.stop();
    await upstream.stop();
  });

  it('restarts the browser and renders the page again: the preview ends ready and rendered', async () => {
    upstream.route('/data', (_, response: ServerResponse) => {
      if (upstream.hitCount('/data') === 1) return void held.push(response);
      response.writeHead(200, { 'content-type': 'text/plain' }).end('Rendered after the crash');
    });
    const url = upstream.page(
      '/crash',
      `<!doctype html><html><head><script>fetch('/data').then((r) => r.text()).then((text) => { document.title = text; });</script></head><body><div id="root"></div></body></html>`,
    );
    const id = await ask(api!.baseUrl, url, '&render=always');
    await until(async () => (upstream.hitCount('/data') === 1 ? true : undefined), 'the browser asking for /data');

    const rendererPid = renderer!.child.pid!;
    const browser = await descendantProcesses(rendererPid);
    assert.ok(browser.some((p) => /chrom/i.test(p.name)), `Chromium runs below the renderer: ${browser.map((p) => p.name).join(', ')}`);
    for (const p of browser) process.kill(p.pid, 'SIGKILL');

    const preview = await settled(api!.baseUrl, id);
    assert.equal(preview.status, 'ready');
    assert.equal(preview.data?.fetchMode, 'rendered');
    assert.equal(preview.data?.title, 'Rendered after the crash');
    assert.equal(preview.data?.renderError, undefined);
    // The static fetch, then the page on the killed browser and once more on its replacement.
    assert.equal(upstream.hitCount('/crash'), 3);
    assert.equal(renderer!.child.exitCode, null, 'the renderer app itself kept running');
    const now = new Set((await descendantProcesses(rendererPid)).map((p) => p.pid));
    assert.ok(browser.every((p) => !now.has(p.pid)), 'every killed process is gone');
    const metrics = await (await fetch(`${renderer!.baseUrl}/metrics`)).text();
    assert.match(metrics, /unfurl_browser_restarts_total\{reason="crash"\} 1\b/);
  });
});
