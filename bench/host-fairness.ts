// `npm run bench:host-fairness [-- --max-seconds S] [-- --sizes 1000,5000]`: starts its own Redis and
// PostgreSQL, a host that never answers (127.0.0.2) and a healthy upstream (127.0.0.1), and the real
// apps, and prints two figures per backlog size N, each capped at S seconds (printed as "> S s"):
//   fairness: N previews of the hanging host queued first, then one of the healthy host: time to ready;
//   dead host: N previews of the hanging host: time until none is pending.
// Production defaults otherwise (FETCH_TIMEOUT_MS 10 s, 64 jobs per worker, 8 fetches per host).
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { freePort } from '../test/support/free-port';
import { HangingHost } from '../test/support/hanging-host';
import { postJson, previewUrl, request } from '../test/support/http';
import { AppProcess, KillableRedis, services } from '../test/support/processes';
import { createTestDatabase } from '../test/support/unfurl-harness';
import { Upstream } from '../test/support/upstream';

const BATCH = 1_000;
const { values } = parseArgs({ options: { 'max-seconds': { type: 'string', default: '150' }, sizes: { type: 'string', default: '1000,5000' } } });
const capMs = Number(values['max-seconds']) * 1_000;
const sizes = values.sizes.split(',').map(Number);

/** Milliseconds until `done` holds, or undefined past the cap. */
async function timeUntil(done: () => Promise<boolean>, since: number): Promise<number | undefined> {
  while (Date.now() - since < capMs) {
    if (await done().catch(() => false)) return Date.now() - since;
    await sleep(100);
  }
  return undefined;
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'unfurl-fairness-'));
  // The embedded PostgreSQL may run as another user, who must be able to enter the folder.
  await chmod(dir, 0o755);
  const redis = new KillableRedis(await freePort(), path.join(dir, 'redis'));
  const upstream = await new Upstream().start();
  let pg: { url: string; stop(): Promise<void> } | undefined;
  const rows: string[] = [];
  try {
    await redis.start();
    pg = await (await services()).startEmbeddedPostgres({ port: await freePort(), dir: path.join(dir, 'pg'), persistent: false });
    for (const size of sizes) {
      for (const scenario of ['fairness', 'dead host'] as const) {
        const hanging = await new HangingHost().start();
        const databaseUrl = await createTestDatabase(pg.url);
        const env = {
          DATABASE_URL: databaseUrl,
          REDIS_URL: redis.url,
          QUEUE_PREFIX: `bench-${scenario.replace(' ', '-')}-${size}`,
          LOG_LEVEL: 'warn',
          BATCH_MAX_URLS: String(BATCH),
          RATE_LIMIT_PER_MINUTE: '0',
          ANONYMOUS_RATE_LIMIT_PER_MINUTE: '0',
          EXTRACT_THREADS: '1',
        };
        const api = await AppProcess.start('api', env);
        const worker = await AppProcess.start('worker', env);
        const db = new Client({ connectionString: databaseUrl });
        await db.connect();
        try {
          const started = Date.now();
          for (let from = 0; from < size; from += BATCH) {
            const urls = Array.from({ length: Math.min(BATCH, size - from) }, (_, i) => `${hanging.baseUrl}/hang-${from + i}`);
            // A 503 (the database slow under the worker's load) is retried: the figure is about the worker.
            for (let tries = 1; ; tries++) {
              const created = await postJson(`${api.baseUrl}/v1/batches`, { urls });
              if (created.status === 202) break;
              if (created.status !== 503 || tries === 10) throw new Error(`batch refused: ${created.status} ${JSON.stringify(created.body)}`);
              process.stdout.write(`(batch answered 503 ${String((created.body as { code?: string }).code)}; retrying)\n`);
              await sleep(1_000);
            }
          }
          let ms: number | undefined;
          if (scenario === 'fairness') {
            const asked = Date.now();
            const healthy = previewUrl(api.baseUrl, upstream.page(`/healthy-${size}`, '<title>Healthy</title>'));
            // Asked again after a 503 (the API shedding load), as a client would: the clock keeps running.
            let first = await request<{ id?: string }>(healthy);
            for (let tries = 1; first.status === 503 && tries < 10; tries++) {
              await sleep(200);
              first = await request<{ id?: string }>(healthy);
            }
            if (first.body.id === undefined) throw new Error(`healthy preview refused: ${first.status} ${JSON.stringify(first.body)}`);
            ms = await timeUntil(async () => (await request<{ status: string }>(`${api.baseUrl}/v1/previews/${first.body.id}`)).body.status === 'ready', asked);
          } else {
            ms = await timeUntil(async () => (await db.query<{ n: string }>(`SELECT count(*) AS n FROM previews WHERE status = 'pending'`)).rows[0].n === '0', started);
          }
          const figure = ms === undefined ? `> ${capMs / 1_000} s` : `${(ms / 1_000).toFixed(1)} s`;
          rows.push(`| ${scenario} | ${size} | ${figure} |`);
          process.stdout.write(`${rows.at(-1)}\n`);
        } finally {
          await worker.stop('SIGKILL');
          await api.stop('SIGKILL');
          await db.end();
          await hanging.stop();
        }
      }
    }
  } finally {
    await upstream.stop();
    await pg?.stop();
    await redis.stop();
    await rm(dir, { recursive: true, force: true });
  }
  process.stdout.write(`\n| scenario | jobs of the hanging host | time (healthy preview ready / backlog settled) |\n| --- | --- | --- |\n${rows.join('\n')}\n`);
}

void main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
