// `npm run bench:cold-split [-- <pages dir>] [-- --previews N] [-- --rounds R] [-- --checkouts a,b,a,b]`:
// where the box's CPU goes per cold preview. For each checkout in turn (default: this one; list two,
// e.g. a git worktree of an older commit with its own `npm run build`, alternately to compare them
// side by side), starts its own
// embedded PostgreSQL, redis-server, a local upstream serving the pages (20 ms latency) and that
// checkout's built API and worker (its `dist/`), warms up with 300 previews, then runs R rounds of N
// new URLs (GET with wait=0 over 64 connections, then waiting until none is pending) and prints per
// round: previews/s and CPU ms per preview of the whole box, the API, the worker (its main thread, its
// EXTRACT_THREADS busiest other threads, which are the extraction threads, and the rest: V8's GC
// helpers and libuv), PostgreSQL and Redis, from /proc. The same harness as `npm run bench`'s
// cold scenario, without the other scenarios, so that one change can be measured in a few minutes.
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Pool } from 'pg';
import { cpuSeconds, threadSeconds } from './service/cpu';
import { drained } from './service/drained';
import { drive } from './service/load';
import { firstLine, loadServices, runNode, startNode, waitUntilUp, type Child, type Services } from './service/processes';

const EXTRACT_THREADS = 2;
const WARM_PREVIEWS = 300;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { previews: { type: 'string', default: '1000' }, rounds: { type: 'string', default: '2' }, checkouts: { type: 'string' } },
});
const root = path.resolve(__dirname, '..', '..');
const pagesDir = positionals[0] ?? '';
const previews = Number(values.previews);
const rounds = Number(values.rounds);
const checkouts = (values.checkouts ?? root).split(',').map((dir) => path.resolve(dir));


interface Split {
  perSecond: number;
  box: number;
  api: number;
  worker: number;
  workerMain: number;
  extraction: number;
  workerOther: number;
  postgres: number;
  redis: number;
}

/** One checkout's apps on stores of their own; `round` measures N new URLs. */
async function withCheckout<T>(checkout: string, services: Services, work: (round: (prefix: string, count: number) => Promise<Split>) => Promise<T>): Promise<T> {
  const dist = (app: string) => path.join(checkout, 'dist', 'apps', app, 'main.js');
  const tmp = await mkdtemp(path.join(tmpdir(), 'unfurl-cold-split-'));
  // As root, embedded PostgreSQL runs as a user of its own, which must be able to enter this folder.
  await chmod(tmp, 0o755);
  const children: Child[] = [];
  const stops: Array<() => Promise<unknown>> = [() => rm(tmp, { recursive: true, force: true })];
  try {
    const binary = await services.findRedisServer();
    if (!binary) throw new Error('redis-server is not installed: apt-get install -y redis-server');
    const redis = await services.startRedis({ port: await services.freePort(), dir: path.join(tmp, 'redis'), binary });
    stops.push(redis.stop);
    const pg = await services.startEmbeddedPostgres({ port: await services.freePort(), dir: path.join(tmp, 'pg'), persistent: false });
    stops.push(pg.stop);
    const postmaster = Number((await readFile(path.join(tmp, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]);
    await runNode(dist('cli'), ['migrate'], { DATABASE_URL: pg.url });
    const key = (await runNode(dist('cli'), ['keys', 'create', '--name', 'bench', '--admin'], { DATABASE_URL: pg.url })).trim();
    const upstream = startNode('upstream', path.join(__dirname, 'service', 'upstream-server.js'), { BENCH_PAGES_DIR: pagesDir, BENCH_UPSTREAM_LATENCY_MS: '20' });
    children.push(upstream);
    const upstreamUrl = `http://127.0.0.1:${(await firstLine(upstream)).port}`;
    const env = { NODE_ENV: 'production', DATABASE_URL: pg.url, REDIS_URL: redis.url, QUEUE_PREFIX: 'bench', HOST: '127.0.0.1', LOG_LEVEL: 'info', RATE_LIMIT_PER_MINUTE: '0', ANONYMOUS_RATE_LIMIT_PER_MINUTE: '0' };
    const apiPort = await services.freePort();
    const api = startNode('api', dist('api'), { ...env, PORT: String(apiPort), API_PROCESSES: '1' });
    children.push(api);
    const healthPort = await services.freePort();
    // As the bench's worker: every page comes from one host, so politeness would otherwise cap the run.
    const worker = startNode('worker', dist('worker'), { ...env, WORKER_HEALTH_PORT: String(healthPort), EXTRACT_THREADS: String(EXTRACT_THREADS), WORKER_CONCURRENCY: '64', FETCH_PER_HOST_CONCURRENCY: '64', FETCH_ALLOW_PRIVATE_ADDRESSES: 'true' });
    children.push(worker);
    await waitUntilUp(api, `http://127.0.0.1:${apiPort}/health/ready`);
    await waitUntilUp(worker, `http://127.0.0.1:${healthPort}/health/ready`);
    const db = new Pool({ connectionString: pg.url, max: 1 });
    stops.push(() => db.end());
    const pids = { api: api.process.pid!, worker: worker.process.pid!, postgres: postmaster, redis: redis.process.pid! };

    const round = async (prefix: string, count: number): Promise<Split> => {
      const paths = Array.from({ length: count }, (_, i) => `/v1/previews?url=${encodeURIComponent(`${upstreamUrl}/p/${prefix}/${i}`)}`);
      const before = await readings(pids);
      const started = performance.now();
      const load = await drive({ baseUrl: `http://127.0.0.1:${apiPort}`, paths, connections: 64, amount: count, headers: { authorization: `Bearer ${key}` } });
      const taken = load.requests - load.failed;
      await drained(db, `${upstreamUrl}/p/${prefix}/`, taken, started);
      const seconds = (performance.now() - started) / 1000;
      return split(before, await readings(pids), { count: taken, seconds, workerPid: pids.worker });
    };
    return await work(round);
  } finally {
    for (const child of children.toReversed()) await child.stop().catch(() => undefined);
    for (const stop of stops.toReversed()) await stop().catch(() => undefined);
  }
}

type Pids = Record<'api' | 'worker' | 'postgres' | 'redis', number>;
type Readings = Record<keyof Pids, number> & { threads: Map<number, number> };

async function readings(pids: Pids): Promise<Readings> {
  const [api, worker, postgres, redis] = await Promise.all([pids.api, pids.worker, pids.postgres, pids.redis].map((pid) => cpuSeconds([pid])));
  return { api, worker, postgres, redis, threads: await threadSeconds(pids.worker) };
}

function split(before: Readings, after: Readings, { count, seconds, workerPid }: { count: number; seconds: number; workerPid: number }): Split {
  const ms = (s: number) => (s * 1000) / count;
  const threadMs = [...after.threads].map(([tid, s]) => ({ tid, ms: ms(s - (before.threads.get(tid) ?? 0)) }));
  // The main thread's id is the process's.
  const workerMain = threadMs.find((thread) => thread.tid === workerPid)?.ms ?? 0;
  const others = threadMs
    .filter((thread) => thread.tid !== workerPid)
    .map((thread) => thread.ms)
    .toSorted((a, b) => b - a);
  const extraction = others.slice(0, EXTRACT_THREADS).reduce((sum, one) => sum + one, 0);
  const parts = { api: ms(after.api - before.api), worker: ms(after.worker - before.worker), postgres: ms(after.postgres - before.postgres), redis: ms(after.redis - before.redis) };
  return {
    perSecond: count / seconds,
    box: parts.api + parts.worker + parts.postgres + parts.redis,
    ...parts,
    workerMain,
    extraction,
    workerOther: parts.worker - workerMain - extraction,
  };
}

const f = (value: number) => value.toFixed(2);

async function main(): Promise<void> {
  const services = await loadServices(root);
  const rows: string[] = [];
  for (const [i, checkout] of checkouts.entries()) {
    await withCheckout(checkout, services, async (round) => {
      await round('warm', WARM_PREVIEWS);
      for (let r = 0; r < rounds; r++) {
        const s = await round(`r${r}`, previews);
        const line = `| ${path.basename(checkout)} | ${r + 1} | ${s.perSecond.toFixed(1)} | ${f(s.box)} | ${f(s.api)} | ${f(s.worker)} | ${f(s.workerMain)} | ${f(s.extraction)} | ${f(s.workerOther)} | ${f(s.postgres)} | ${f(s.redis)} |`;
        rows.push(line);
        process.stdout.write(`[cold-split] checkout ${i + 1}/${checkouts.length} ${line}\n`);
      }
    });
  }
  process.stdout.write(
    `\n${previews} new URLs per round, ${pagesDir ? `pages from ${pagesDir}` : 'generated pages'}; CPU ms per preview\n\n| Checkout | Round | Previews/s | Box | API | Worker | Worker main thread | Extraction threads | Worker, other threads | PostgreSQL | Redis |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n${rows.join('\n')}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`cold-split: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
