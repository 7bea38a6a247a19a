// `npm run soak -- --minutes N [--rate R] [--concurrency C]`: starts its own Redis, PostgreSQL, a local upstream
// and the real apps (API + worker as child processes), holds a steady mixed load on loopback for N
// minutes, and prints errors by kind and the memory of each process over time. Exits non-zero on an
// unexpected answer (any 5xx, or a status the request kind never gets) or on a memory growth trend.
import { mkdtemp, readFile, rm, chmod } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { createKey } from '../test/support/cli';
import { freePort } from '../test/support/free-port';
import { AppProcess, KillableRedis, services } from '../test/support/processes';
import { createTestDatabase } from '../test/support/unfurl-harness';
import { Upstream } from '../test/support/upstream';

type Kind = 'cached' | 'new' | 'poll' | 'invalid-url' | 'bad-scheme' | 'unknown-id' | 'bad-key' | 'too-long';

/** Statuses each kind of request may get; anything else is unexpected. */
const EXPECTED: Record<Kind, number[]> = {
  cached: [200],
  new: [200, 202],
  poll: [200, 202],
  'invalid-url': [400],
  'bad-scheme': [400],
  'unknown-id': [404],
  'bad-key': [401],
  'too-long': [400],
};

/** Share of each kind in the mix (sums to 100). */
const MIX: Array<[Kind, number]> = [
  ['cached', 70],
  ['new', 10],
  ['poll', 6],
  ['invalid-url', 3],
  ['bad-scheme', 3],
  ['unknown-id', 3],
  ['bad-key', 3],
  ['too-long', 2],
];

interface Sample {
  atSeconds: number;
  rssMb: Record<string, number>;
  heapMb: Record<string, number | null>;
}

const { values } = parseArgs({ options: { minutes: { type: 'string', default: '1' }, rate: { type: 'string', default: '300' }, concurrency: { type: 'string', default: '32' }, 'heap-limit-mb': { type: 'string', default: '160' } } });
const minutes = Number(values.minutes);
/** Requests per second, held steady: a soak looks for drift at a sustainable load, not for the ceiling. */
const rate = Number(values.rate);
const concurrency = Number(values.concurrency);
/** Old-space limit of each app process under soak, in MB. */
const heapLimitMb = Number(values['heap-limit-mb']);
if (!(minutes > 0) || !(rate > 0) || !(concurrency > 0)) throw new Error('--minutes, --rate and --concurrency must be positive numbers');

const page = (n: number) =>
  `<html><head><title>Soak page ${n}</title><meta property="og:description" content="${'word '.repeat(50)}"><meta property="og:image" content="/img/${n}.png"></head><body>${'<p>text</p>'.repeat(200)}</body></html>`;

function pickKind(): Kind {
  let roll = Math.random() * 100;
  for (const [kind, share] of MIX) if ((roll -= share) < 0) return kind;
  return 'cached';
}

async function rssMb(pid: number | undefined): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** nodejs_heap_size_used_bytes from a Prometheus endpoint, or null where there is none. */
async function heapMb(url: string, headers: Record<string, string> = {}): Promise<number | null> {
  try {
    const response = await fetch(url, { headers, signal: AbortSignal.timeout(2_000) });
    const text = await response.text();
    const value = /^nodejs_heap_size_used_bytes(?:\{[^}]*\})? ([\d.e+]+)/m.exec(text)?.[1];
    return response.ok && value ? Number(value) / 1024 / 1024 : null;
  } catch {
    return null;
  }
}

/** GET; a 5xx is reported with its problem code, so intended refusals (503 OVERLOADED) are told from faults. */
function get(url: string, headers: Record<string, string> = {}): Promise<number | string> {
  return fetch(url, { headers, signal: AbortSignal.timeout(30_000) }).then(async (response) => {
    const text = await response.text();
    return response.status >= 500 ? `${response.status} ${String((JSON.parse(text || '{}') as { code?: string }).code)}` : response.status;
  });
}

const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
const heapColumn = (v: number | null) => (v === null ? 'n/a' : v.toFixed(1)).padStart(9);

async function main(): Promise<number> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'unfurl-soak-'));
  await chmod(dir, 0o755);
  const upstream = await new Upstream().start();
  const redis = new KillableRedis(await freePort(), path.join(dir, 'redis'));
  const apps: AppProcess[] = [];
  let pg: { url: string; stop(): Promise<void> } | undefined;
  try {
    await redis.start();
    pg = await (await services()).startEmbeddedPostgres({ port: await freePort(), dir: path.join(dir, 'pg'), persistent: false });
    const databaseUrl = await createTestDatabase(pg.url);
    const adminKey = await createKey(databaseUrl, '--name', 'soak-admin', '--admin');
    const env = { DATABASE_URL: databaseUrl, REDIS_URL: redis.url, LOG_LEVEL: 'warn', ANONYMOUS_RATE_LIMIT_PER_MINUTE: '0', NODE_ENV: 'development' };
    // A bounded old space makes V8 collect instead of growing lazily: garbage then stays flat, while
    // retained memory keeps raising the floor and, past the bound, crashes the process (and the soak).
    const api = await AppProcess.start('api', { ...env, NODE_OPTIONS: `--max-old-space-size=${heapLimitMb}` });
    const worker = await AppProcess.start('worker', { ...env, NODE_OPTIONS: `--max-old-space-size=${heapLimitMb}` });
    apps.push(api, worker);

    let next = 0;
    const newUrl = () => {
      const n = next++;
      return upstream.page(`/p/${n}`, page(n));
    };
    const previewOf = (url: string, wait = 0) => `${api.baseUrl}/v1/previews?url=${encodeURIComponent(url)}${wait ? `&wait=${wait}` : ''}`;

    // Warm set: 50 ready previews for the cached reads.
    const warm: string[] = [];
    for (let i = 0; i < 50; i++) warm.push(newUrl());
    await Promise.all(warm.map((url) => get(previewOf(url, 10_000))));
    const ids: string[] = [];

    const counts = new Map<string, number>();
    const unexpected = new Map<string, number>();
    const shed = new Map<string, number>();
    const requests: Record<Kind, () => Promise<number | string>> = {
      cached: () => get(previewOf(warm[Math.floor(Math.random() * warm.length)])),
      new: async () => {
        const response = await fetch(previewOf(newUrl()), { signal: AbortSignal.timeout(30_000) });
        const body = (await response.json()) as { id?: string; code?: string };
        if (body.id && ids.length < 1000) ids.push(body.id);
        return response.status >= 500 ? `${response.status} ${body.code}` : response.status;
      },
      poll: () => (ids.length ? get(`${api.baseUrl}/v1/previews/${ids[Math.floor(Math.random() * ids.length)]}`) : get(previewOf(warm[0]))),
      'invalid-url': () => get(previewOf('not a url at all')),
      'bad-scheme': () => get(previewOf('javascript:alert(1)')),
      'unknown-id': () => get(`${api.baseUrl}/v1/previews/${'x'.repeat(32)}`),
      'bad-key': () => get(`${api.baseUrl}/v1/previews/${'x'.repeat(32)}`, { authorization: 'Bearer unf_bogus' }),
      'too-long': () => get(previewOf(`https://example.com/${'a'.repeat(3000)}`)),
    };

    const samples: Sample[] = [];
    const startedAt = Date.now();
    const endAt = startedAt + minutes * 60_000;
    const sample = async () => {
      samples.push({
        atSeconds: Math.round((Date.now() - startedAt) / 1000),
        rssMb: { api: await rssMb(api.child.pid), worker: await rssMb(worker.child.pid) },
        heapMb: { api: await heapMb(`${api.baseUrl}/metrics`, { authorization: `Bearer ${adminKey}` }), worker: await heapMb(`${worker.baseUrl}/metrics`) },
      });
    };
    await sample();
    const sampler = setInterval(() => void sample(), Math.max(2_000, (minutes * 60_000) / 30));
    let slot = 0;
    /** Requests sent more than 1 s after their slot: the clients could not hold the rate. */
    let late = 0;
    const loop = async () => {
      for (;;) {
        const due = startedAt + (slot++ * 1000) / rate;
        if (due >= endAt) return;
        if (due > Date.now()) await sleep(due - Date.now());
        else if (Date.now() - due > 1_000) late += 1;
        const kind = pickKind();
        try {
          const status = await requests[kind]();
          count(counts, `${kind} ${status}`);
          if (status === '503 OVERLOADED') count(shed, kind);
          else if (typeof status !== 'number' || !EXPECTED[kind].includes(status)) count(unexpected, `${kind} ${status}`);
        } catch (error) {
          count(unexpected, `${kind} ${error instanceof Error ? error.name : 'error'}`);
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, loop));
    clearInterval(sampler);
    await sample();

    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const seconds = (Date.now() - startedAt) / 1000;
    console.log(`\nsoak: ${minutes} min at ${rate}/s target, ${total} requests (${(total / seconds).toFixed(0)}/s), ${next - 50} new URLs`);
    console.log('answers by kind:');
    for (const [key, n] of [...counts].toSorted()) console.log(`  ${key.padEnd(20)} ${n}`);
    console.log(`sent more than 1 s behind schedule: ${late}`);
    console.log(`shed by load shedding (503 OVERLOADED, intended): ${[...shed.values()].reduce((a, b) => a + b, 0)}`);
    console.log(unexpected.size ? 'UNEXPECTED:' : 'unexpected answers: none');
    for (const [key, n] of unexpected) console.log(`  ${key.padEnd(20)} ${n}`);
    console.log('memory (MB)        t(s)   api rss  api heap  worker rss  worker heap');
    for (const s of samples) {
      console.log(`  ${String(s.atSeconds).padStart(20)} ${s.rssMb.api.toFixed(1).padStart(9)} ${heapColumn(s.heapMb.api)} ${s.rssMb.worker.toFixed(1).padStart(11)} ${heapColumn(s.heapMb.worker)}`);
    }

    // Trend: after a 20% warm-up, the floor (lowest sample, i.e. after a collection) of the last third
    // against the first third's; heap where the process exports it, else RSS. Garbage awaiting a GC
    // raises the median, not the floor; retained memory raises both.
    const steady = samples.slice(Math.floor(samples.length * 0.2));
    const third = Math.max(1, Math.floor(steady.length / 3));
    const leaks: string[] = [];
    for (const name of ['api', 'worker']) {
      const series = steady.map((s) => s.heapMb[name] ?? s.rssMb[name]);
      const first = Math.min(...series.slice(0, third));
      const last = Math.min(...series.slice(-third));
      const growth = last - first;
      console.log(`  ${name}: ${first.toFixed(1)} -> ${last.toFixed(1)} MB (${growth >= 0 ? '+' : ''}${growth.toFixed(1)})`);
      if (growth > 20 && growth > first * 0.25) leaks.push(name);
    }
    if (leaks.length) console.log(`LEAK TREND: ${leaks.join(', ')}`);
    return unexpected.size === 0 && leaks.length === 0 ? 0 : 1;
  } finally {
    for (const app of apps) await app.stop('SIGTERM');
    await pg?.stop().catch(() => undefined);
    await redis.stop();
    await upstream.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`soak: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
