// `npm run bench [-- --quick] [-- --peer] [-- <pages dir>] [-- --latency-ms=N]`: the whole service
// under load on this machine. Starts its own PostgreSQL (embedded), redis-server, the built API and
// worker, a local upstream serving the pages, a bare Fastify route and a naive parse-in-the-handler
// app, drives them with autocannon at 127.0.0.1 only, and writes one table (Markdown + JSON) and a
// latency chart (SVG) to bench/results/. `--peer` also runs the seed's FastAPI + Celery stack
// (peer.ts) through the same scenarios. See bench/README.md for what each line means.
import { mkdir, mkdtemp, chmod, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import { cpuSeconds, withCpu } from './cpu';
import { extractorCeiling } from './extractor-ceiling';
import { drained } from './drained';
import { drive, type Load, type LoadOptions } from './load';
import { loadPages } from './pages';
import { Peer, peerAvailable, peerPackages } from './peer';
import { firstLine, loadServices, rssNow, runNode, startNode, waitUntilUp, withPeakRss, type Child, type ProcessGroups, type RunAs, type Services } from './processes';
import { renderLines } from './render';
import { latencyChart, markdownTable, rssRows, type RssFigures, type Row } from './report';
import { eventLoopP99Ms, scrape } from './scrape';
import { card, cardPaths, cardsAtMost, timeToCard, type CardLoad } from './time-to-card';

const root = path.resolve(__dirname, '..', '..', '..');
const dist = (app: string, file = 'main.js') => path.join(root, 'dist', 'apps', app, file);
const built = (file: string) => path.join(__dirname, file);


const args = process.argv.slice(2);
const quick = args.includes('--quick');
const pagesDir = args.find((arg) => !arg.startsWith('--'));
const latencyMs = Number(args.find((arg) => arg.startsWith('--latency-ms='))?.split('=')[1] ?? 20);
const withPeer = args.includes('--peer');

/** Sizes of each scenario (time to card: the same URLs per client at either number of clients): --quick takes about five minutes on a 2-core box. */
const plan = quick
  ? { seconds: 3, rounds: 3, warm: 100, cold: 400, cards: 128, cardsBelowSaturation: 64, cardsLight: 32, scaleCold: 300, chartSteps: [0.25, 0.5, 0.75, 1], chartSeconds: 2, isolationRate: 100 }
  : { seconds: 10, rounds: 5, warm: 500, cold: 3000, cards: 640, cardsBelowSaturation: 320, cardsLight: 160, scaleCold: 1500, chartSteps: [0.1, 0.25, 0.4, 0.55, 0.7, 0.85, 1], chartSeconds: 5, isolationRate: 100 };

const median = (values: number[]) => values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)];
const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);
const say = (line: string) => process.stdout.write(`[bench] ${line}\n`);
const fmt = (value: number, digits = 0) => value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
/** The reference column of a time-to-card row: what that many clients can ask for at most. */
const atMost = (clients: number) => `at most ${fmt(cardsAtMost(clients), 1)}`;
const ms = (value: number | null) => (value === null ? 'n/a' : `${fmt(value, 1)} ms`);
const pidOf = (child: Child | undefined) => (child?.process.pid ? [child.process.pid] : []);
/** CPU milliseconds per request or preview. */
const cpuMs = (cpuS: number, count: number) => (count > 0 ? (cpuS * 1000) / count : 0);

interface Reads extends Load {
  /** Box CPU per read (ms), when the target's processes were given. */
  cpuMs: number | null;
}

/**
 * Short rounds against each target in turn, median per target: other work on the machine then
 * weighs on all targets alike instead of on whichever happened to run during it.
 */
async function interleaved(load: Omit<LoadOptions, 'baseUrl'>, targets: string[], pids: Array<(() => number[]) | null> = []): Promise<Reads[]> {
  const rounds: Load[][] = targets.map(() => []);
  const cpu = targets.map(() => 0);
  for (let round = 0; round < plan.rounds; round++) {
    for (const [i, baseUrl] of targets.entries()) {
      const { result, cpuS } = await withCpu(pids[i] ?? (() => []), () => drive({ ...load, baseUrl, durationS: plan.seconds / plan.rounds }));
      rounds[i].push(result);
      cpu[i] += cpuS;
    }
  }
  return rounds.map((runs, i) => {
    const requests = runs.reduce((sum, one) => sum + one.requests, 0);
    return {
      rps: median(runs.map((one) => one.rps)),
      p50: median(runs.map((one) => one.p50)),
      p99: median(runs.map((one) => one.p99)),
      requests,
      failed: runs.reduce((sum, one) => sum + one.failed, 0),
      refused: runs.reduce<Record<string, number>>((all, one) => {
        for (const [code, n] of Object.entries(one.refused)) all[code] = (all[code] ?? 0) + n;
        return all;
      }, {}),
      cpuMs: pids[i] ? cpuMs(cpu[i], requests) : null,
    };
  });
}

/**
 * The bench's own pool for checking progress. pg-pool's end() resolves before its idle connections
 * have closed, so PostgreSQL stopping right after the bench can still reach one: that error at
 * teardown is expected and must not crash the run.
 */
function smallPool(connectionString: string): Pool {
  const pool = new Pool({ connectionString, max: 2 });
  pool.on('error', () => {});
  return pool;
}

/** A load driven from a process of its own (see load-child.ts). */
async function driveInChild(options: Omit<LoadOptions, 'paths'> & { template: string }): Promise<Load> {
  return JSON.parse(await runNode(built('load-child.js'), [JSON.stringify(options)], {})) as Load;
}

class Bench {
  readonly children: Child[] = [];
  readonly stops: Array<() => Promise<void>> = [];
  services!: Services;
  databaseUrl = '';
  redisUrl = '';
  adminKey = '';
  upstream = '';
  /** The time-to-card upstream's port, on 127.0.0.1 … 127.0.0.<card.hosts>. */
  cardPort = 0;
  /** PostgreSQL's postmaster and redis-server, counted in the box's CPU per preview. */
  storePids: number[] = [];
  api = { child: undefined as Child | undefined, url: '' };
  worker = { child: undefined as Child | undefined, metricsUrl: '' };
  db!: Pool;
  eld: Record<string, { api: number | null; worker: number | null }> = {};

  async setUp(): Promise<void> {
    this.services = await loadServices(root);
    const tmp = await mkdtemp(path.join(tmpdir(), 'unfurl-bench-'));
    // As root, embedded PostgreSQL runs as a user of its own, which must be able to enter this folder.
    await chmod(tmp, 0o755);
    this.stops.push(() => rm(tmp, { recursive: true, force: true }));
    const redisBinary = await this.services.findRedisServer();
    if (!redisBinary) throw new Error('redis-server is not installed: apt-get install -y redis-server (the bench starts its own)');
    const redis = await this.services.startRedis({ port: await this.services.freePort(), dir: path.join(tmp, 'redis'), binary: redisBinary });
    this.stops.push(redis.stop);
    this.redisUrl = redis.url;
    const pg = await this.services.startEmbeddedPostgres({ port: await this.services.freePort(), dir: path.join(tmp, 'pg'), persistent: false });
    this.stops.push(pg.stop);
    this.databaseUrl = pg.url;
    const postmaster = Number((await readFile(path.join(tmp, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]);
    this.storePids = [postmaster, ...(redis.process.pid ? [redis.process.pid] : [])];
    await runNode(dist('cli'), ['migrate'], { DATABASE_URL: this.databaseUrl });
    this.adminKey = (await runNode(dist('cli'), ['keys', 'create', '--name', 'bench', '--admin'], { DATABASE_URL: this.databaseUrl })).trim();
    this.db = smallPool(this.databaseUrl);
    this.stops.push(() => this.db.end());

    const upstream = this.start('upstream', built('upstream-server.js'), { BENCH_PAGES_DIR: pagesDir ?? '', BENCH_UPSTREAM_LATENCY_MS: String(latencyMs) });
    const { port, pages } = await firstLine(upstream);
    this.upstream = `http://127.0.0.1:${port}`;
    say(`upstream on ${this.upstream}: ${pages} pages ${pagesDir ? `from ${pagesDir}` : '(generated)'}, ${latencyMs} ms latency`);
    const cardUpstream = this.start('card upstream', built('upstream-server.js'), { BENCH_PAGES_DIR: pagesDir ?? '', BENCH_UPSTREAM_LATENCY_MS: String(card.latencyMs), BENCH_UPSTREAM_HOSTS: String(card.hosts) });
    this.cardPort = (await firstLine(cardUpstream)).port;
  }

  /** The API, the worker (with their processes and threads), PostgreSQL and Redis. */
  unfurlPids(): number[] {
    return [this.api.child, this.worker.child].flatMap((child) => (child?.process.pid ? [child.process.pid] : [])).concat(this.storePids);
  }

  /** Unfurl's processes as the RSS rows show them (each with its children: PostgreSQL's backends, cluster processes). */
  rssGroups(): ProcessGroups {
    return { API: () => pidOf(this.api.child), worker: () => pidOf(this.worker.child), PostgreSQL: () => this.storePids.slice(0, 1), Redis: () => this.storePids.slice(1) };
  }

  /** Time to card against `baseUrl` (`count` new URLs, `clients` waiting, `together`: see timeToCard), with the CPU the given processes used per card. */
  async timeToCard(baseUrl: string, prefix: string, pids: () => number[], { clients = card.clients, count = plan.cards, together = false } = {}): Promise<CardLoad & { cpuMs: number }> {
    const paths = cardPaths(this.cardPort, prefix, count);
    const { result, cpuS } = await withCpu(pids, () => timeToCard({ baseUrl, paths, connections: clients, upstreamLatencyMs: card.latencyMs, headers: this.auth, together }));
    return { ...result, cpuMs: cpuMs(cpuS, result.cards) };
  }

  start(name: string, script: string, env: Record<string, string>, as?: RunAs): Child {
    const child = startNode(name, script, env, as);
    this.children.push(child);
    return child;
  }

  async stop(child: Child | undefined): Promise<void> {
    if (!child) return;
    await child.stop();
    this.children.splice(this.children.indexOf(child), 1);
  }

  appEnv(): Record<string, string> {
    return {
      NODE_ENV: 'production',
      DATABASE_URL: this.databaseUrl,
      REDIS_URL: this.redisUrl,
      QUEUE_PREFIX: 'bench',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      // The bench measures throughput, not quotas.
      RATE_LIMIT_PER_MINUTE: '0',
      ANONYMOUS_RATE_LIMIT_PER_MINUTE: '0',
    };
  }

  async startApi(processes: number, attempts = 2): Promise<void> {
    await this.stop(this.api.child);
    const port = await this.services.freePort();
    const child = this.start(`api x${processes}`, dist('api'), { ...this.appEnv(), PORT: String(port), API_PROCESSES: String(processes) });
    this.api = { child, url: `http://127.0.0.1:${port}` };
    try {
      await waitUntilUp(child, `${this.api.url}/health/ready`);
    } catch (error) {
      // A free port can be taken by another program before the API binds it: try another once.
      if (attempts <= 1) throw error;
      say(`${String(error)}; starting it again`);
      await this.startApi(processes, attempts - 1);
    }
  }

  async startWorker(threads: number): Promise<void> {
    await this.stop(this.worker.child);
    const port = await this.services.freePort();
    const child = this.start(`worker x${threads}`, dist('worker'), {
      ...this.appEnv(),
      WORKER_HEALTH_PORT: String(port),
      EXTRACT_THREADS: String(threads),
      WORKER_CONCURRENCY: '64',
      // Every bench page comes from one host (127.0.0.1); politeness would otherwise cap the run at 8.
      FETCH_PER_HOST_CONCURRENCY: '64',
      FETCH_ALLOW_PRIVATE_ADDRESSES: 'true',
    });
    this.worker = { child, metricsUrl: `http://127.0.0.1:${port}/metrics` };
    await waitUntilUp(child, `http://127.0.0.1:${port}/health/ready`);
  }

  async startPlain(name: string, script: string): Promise<{ child: Child; url: string }> {
    const port = await this.services.freePort();
    const child = this.start(name, script, { DATABASE_URL: this.databaseUrl, PORT: String(port) });
    const url = `http://127.0.0.1:${port}`;
    await waitUntilUp(child, `${url}/health/live`);
    return { child, url };
  }

  get auth(): Record<string, string> {
    return { authorization: `Bearer ${this.adminKey}` };
  }

  previewPath(pagePath: string, wait = 0): string {
    return `/v1/previews?url=${encodeURIComponent(`${this.upstream}${pagePath}`)}${wait ? `&wait=${wait}` : ''}`;
  }

  /** Runs `work` between two scrapes of both apps' /metrics: the event-loop delay p99 during it. */
  async measured<T>(scenario: string, work: () => Promise<T>): Promise<T> {
    await Promise.all([eventLoopP99Ms(`${this.api.url}/metrics`, this.adminKey), eventLoopP99Ms(this.worker.metricsUrl)]);
    const result = await work();
    const [api, worker] = await Promise.all([eventLoopP99Ms(`${this.api.url}/metrics`, this.adminKey), eventLoopP99Ms(this.worker.metricsUrl)]);
    this.eld[scenario] = { api, worker };
    return result;
  }

  /**
   * Queues every path through the API (202s, as a bulk client would: holding a connection per URL
   * with `wait` would measure 64 connections' latency, not the service's throughput) and waits
   * until PostgreSQL holds none of them pending.
   */
  async unfurlAll(
    prefix: string,
    count: number,
    { connections = 64, baseUrl = this.api.url, db = this.db, pids = () => this.unfurlPids() }: { connections?: number; baseUrl?: string; db?: Pool; pids?: () => number[] } = {},
  ): Promise<{ perSecond: number; ready: number; failed: number; cpuMs: number }> {
    const paths = Array.from({ length: count }, (_, i) => this.previewPath(`/p/${prefix}/${i}`, 0));
    const started = performance.now();
    const before = await cpuSeconds(pids());
    const load = await drive({ baseUrl, paths, connections, amount: count, headers: this.auth });
    // A request the API shed (503 on a loaded machine) created no row: only those it took are waited for.
    const taken = load.requests - load.failed;
    const by = await this.drained(prefix, taken, started, db);
    const perSecond = taken / ((performance.now() - started) / 1000);
    return { perSecond, ready: by.ready ?? 0, failed: by.failed ?? 0, cpuMs: cpuMs((await cpuSeconds(pids())) - before, taken) };
  }

  /** Waits until no preview under the prefix is pending (and at least `count` are settled) in `db`'s `previews`. */
  drained(prefix: string, count: number, started = performance.now(), db = this.db): Promise<Record<string, number>> {
    return drained(db, `${this.upstream}/p/${prefix}/`, count, started);
  }

  async stalledJobs(): Promise<number | null> {
    return (await scrape(this.worker.metricsUrl))?.get('unfurl_jobs_stalled_total') ?? null;
  }

  async upstreamHits(pagePath: string): Promise<number> {
    const response = await fetch(`${this.upstream}/__hits?path=${encodeURIComponent(pagePath)}`);
    return ((await response.json()) as { hits: number }).hits;
  }

  async tearDown(): Promise<void> {
    for (const child of this.children.toReversed()) await child.stop().catch(() => {});
    for (const stop of this.stops.toReversed()) await stop().catch(() => {});
  }
}

/**
 * The seed's stack through the same scenarios, one after Unfurl's: its own database and Redis
 * database on the same servers. Cached reads alternate with Unfurl's API (1 process, worker stopped);
 * cold unfurls and time to card run with Unfurl stopped, at Celery's 2 processes and at 32.
 */
async function runPeer(bench: Bench, readLoad: Omit<LoadOptions, 'baseUrl'>) {
  await bench.db.query('CREATE DATABASE peer');
  const databaseUrl = bench.databaseUrl.replace(/\/[^/]*$/, '/peer');
  const db = smallPool(databaseUrl);
  bench.stops.push(() => db.end());
  const peer = new Peer(root, databaseUrl, `${bench.redisUrl}/1`);
  bench.stops.push(() => peer.stop());
  await peer.startApi(await bench.services.freePort());
  await peer.startWorker(2);
  const pids = () => [...peer.pids(), ...bench.storePids];
  const on = { baseUrl: peer.url, db, pids };
  const peerGroups: ProcessGroups = { 'peer API (gunicorn)': () => peer.pids().slice(0, 1), 'peer Celery': () => peer.pids().slice(1) };
  const rss: RssFigures = { idle: await rssNow(peerGroups), loaded: {} };

  say(`peer (FastAPI + Celery): warming ${plan.warm} cached previews, then cached reads alternating with Unfurl's API`);
  await bench.unfurlAll('warm', plan.warm, { ...on, connections: 32 });
  await bench.startApi(1);
  await bench.stop(bench.worker.child);
  await drive({ ...readLoad, baseUrl: bench.api.url, durationS: 1 });
  await drive({ ...readLoad, baseUrl: peer.url, durationS: 1 });
  const [unfurlReads, reads] = await interleaved(readLoad, [bench.api.url, peer.url], [() => bench.unfurlPids(), pids]);
  await bench.stop(bench.api.child);

  const byProcesses: Record<number, { cold: Awaited<ReturnType<Bench['unfurlAll']>>; cards: Awaited<ReturnType<Bench['timeToCard']>> }> = {};
  for (const processes of [2, 32]) {
    if (processes !== 2) await peer.startWorker(processes);
    say(`peer, Celery ${processes} processes: cold unfurls, then time to card`);
    const { result: cold, peakMb } = await withPeakRss(peerGroups, () => bench.unfurlAll(`peer-cold-${processes}`, plan.cold, on));
    if (processes === 2) rss.loaded = peakMb;
    const cards = await bench.timeToCard(peer.url, `peer-card-${processes}`, pids);
    byProcesses[processes] = { cold, cards };
  }
  await peer.stop();
  return { unfurlReads, reads, celery2: byProcesses[2], celery32: byProcesses[32], rss };
}

async function run(bench: Bench) {
  const started = performance.now();
  const pages = await loadPages(pagesDir);
  const cores = availableParallelism();
  const loadAverageAtStart = loadavg();
  const peerReady = withPeer && (await peerAvailable());
  if (withPeer && !peerReady) say(`--peer: skipped, /usr/bin/python3 lacks the peer's Debian packages (apt-get install -y ${peerPackages})`);
  await bench.setUp();
  await bench.startApi(1);
  await bench.startWorker(cores);
  const bare = await bench.startPlain('bare fastify', built('bare-app.js'));
  const naive = await bench.startPlain('naive app', built('naive-app.js'));
  const idleRss = await rssNow(bench.rssGroups());

  say(`warming ${plan.warm} cached previews`);
  await bench.unfurlAll('warm', plan.warm, { connections: 32 });
  const cachedPaths = Array.from({ length: plan.warm }, (_, i) => bench.previewPath(`/p/warm/${i}`));
  const readLoad = { paths: cachedPaths, connections: 32, durationS: plan.seconds, headers: bench.auth };

  say('cached reads: API and bare Fastify, interleaved');
  await drive({ ...readLoad, baseUrl: bench.api.url, durationS: 1 });
  await drive({ ...readLoad, baseUrl: bare.url, durationS: 1 });
  const [apiReads, bareReads] = await bench.measured('cached reads', () => interleaved(readLoad, [bench.api.url, bare.url], [() => bench.unfurlPids()]));

  say('latency against load');
  const curve = async (baseUrl: string, max: number) => {
    const points: Load[] = [];
    for (const step of plan.chartSteps) points.push(await drive({ ...readLoad, baseUrl, durationS: plan.chartSeconds, rate: Math.max(10, Math.round(max * step)) }));
    return points;
  };
  const apiCurve = await curve(bench.api.url, apiReads.rps);
  const bareCurve = await curve(bare.url, bareReads.rps);

  say('extractor alone on all cores');
  const ceiling = await extractorCeiling(dist('worker', 'extract.worker.js'), pages, plan.seconds);

  say(`cold unfurls: ${plan.cold} distinct URLs`);
  const { result: cold, peakMb: coldRss } = await withPeakRss(bench.rssGroups(), () => bench.measured('cold unfurls', () => bench.unfurlAll('cold', plan.cold)));

  say(`time to card: ${plan.cards} new URLs on ${card.hosts} hosts answering in ${card.latencyMs} ms, ${card.clients} clients waiting`);
  const cards = await bench.measured('time to card', () => bench.timeToCard(bench.api.url, 'card', () => bench.unfurlPids()));
  /** A further time-to-card run of `count` new URLs with `clients` waiting (`together`: all starting at once). */
  const cardRun = (prefix: string, load: { clients: number; count: number; together?: boolean }) => {
    const how = load.together ? ' in step' : '';
    say(`time to card${how}: ${load.count} new URLs, ${load.clients} clients waiting`);
    return bench.measured(`time to card, ${load.clients} clients${how}`, () => bench.timeToCard(bench.api.url, prefix, () => bench.unfurlPids(), load));
  };
  const below = { clients: card.clientsBelowSaturation, count: plan.cardsBelowSaturation };
  const cardsBelow = await cardRun('card-below', below);
  const light = { clients: card.clientsLight, count: plan.cardsLight };
  const cardsLight = await cardRun('card-light', light);
  const inStep = { ...below, together: true };
  const cardsInStep = await cardRun('card-in-step', inStep);

  say('isolation: cached-read p99 idle, then under cold load (Unfurl, then the naive app)');
  const fixedRate = { ...readLoad, connections: 8, rate: plan.isolationRate };
  // New URLs for as long as the load lasts; `{i}` is numbered by the load process.
  const coldTemplate = (tag: string, wait: number) => bench.previewPath(`/p/${tag}/{i}`, wait).replace(encodeURIComponent('{i}'), '{i}');
  const coldLoad = (baseUrl: string, template: string) => driveInChild({ baseUrl, template, connections: 64, durationS: plan.seconds + 1, headers: bench.auth });
  await drive({ ...fixedRate, baseUrl: bench.api.url, durationS: 1 });
  const idle = await drive({ ...fixedRate, baseUrl: bench.api.url });
  const [underCold] = await bench.measured('isolation (cold load)', () => Promise.all([drive({ ...fixedRate, baseUrl: bench.api.url }), coldLoad(bench.api.url, coldTemplate('iso', 10_000))]));
  // The cold jobs queued above outlive their requests: let the worker finish them first.
  await bench.drained('iso', 0);
  // The naive app reads the same rows: they are in the same database.
  await drive({ ...fixedRate, baseUrl: naive.url, durationS: 1 });
  const naiveIdle = await drive({ ...fixedRate, baseUrl: naive.url });
  const [naiveUnderCold] = await Promise.all([drive({ ...fixedRate, baseUrl: naive.url }), coldLoad(naive.url, coldTemplate('naive', 0))]);

  say('coalescing: 1,000 concurrent requests for one new URL');
  const coalescePath = '/p/coalesce/1';
  const coalesce = await bench.measured('coalescing', () => drive({ baseUrl: bench.api.url, paths: [bench.previewPath(coalescePath, 10_000)], connections: 1000, amount: 1000, headers: bench.auth }));
  const coalesceHits = await bench.upstreamHits(coalescePath);
  const stalled = await bench.stalledJobs();

  say('scaling: 2 API processes, then 1 extraction thread');
  await bench.startApi(2);
  // Both processes must have finished starting (and warmed up) before anything is measured.
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  await drive({ ...readLoad, baseUrl: bench.api.url, durationS: 2 });
  const [apiReads2] = await bench.measured('cached reads, 2 API processes', () => interleaved(readLoad, [bench.api.url]));
  const coldThreads = await bench.measured(`cold unfurls, ${cores} threads`, () => bench.unfurlAll('scale-n', plan.scaleCold));
  await bench.startWorker(1);
  const coldThread1 = await bench.measured('cold unfurls, 1 thread', () => bench.unfurlAll('scale-1', plan.scaleCold));
  const stalledAfter = await bench.stalledJobs();

  say('renderer: renders/s and RSS on the corpus, cached reads while it is saturated');
  const render = await renderLines(bench, { pages: quick ? 40 : 200, seconds: plan.seconds, rate: plan.isolationRate, cachedPaths });

  const peer = peerReady ? await runPeer(bench, readLoad) : null;

  const eldRows: Row[] = Object.entries(bench.eld).map(([scenario, { api, worker }]) => ({
    scenario: `Event-loop delay p99 — ${scenario}`,
    unfurl: `API ${ms(api)}`,
    reference: `worker ${ms(worker)}`,
    ratio: '',
    target: '< 20 ms each',
    met: api === null || worker === null ? null : api < 20 && worker < 20,
  }));
  const totalStalled = (stalled ?? 0) + (stalledAfter ?? 0);
  const rows: Row[] = [
    { scenario: 'Cached reads (req/s)', unfurl: fmt(apiReads.rps), reference: `${fmt(bareReads.rps)} bare Fastify`, ratio: fmt(ratio(apiReads.rps, bareReads.rps), 2), target: '>= 0.60', met: ratio(apiReads.rps, bareReads.rps) >= 0.6 },
    { scenario: 'Cached reads p50 / p99', unfurl: `${apiReads.p50} / ${apiReads.p99} ms`, reference: `${bareReads.p50} / ${bareReads.p99} ms`, ratio: '', target: '', met: null },
    { scenario: 'Cold unfurls (previews/s)', unfurl: fmt(cold.perSecond, 1), reference: `${fmt(ceiling, 1)} extractor alone`, ratio: fmt(ratio(cold.perSecond, ceiling), 2), target: '>= 0.50', met: ratio(cold.perSecond, ceiling) >= 0.5 },
    { scenario: `Time to card: ${card.clients} clients, ${card.hosts} hosts, upstream ${card.latencyMs} ms (cards/s)`, unfurl: fmt(cards.perSecond, 1), reference: atMost(card.clients), ratio: '', target: '', met: null },
    { scenario: `Time to card minus ${card.latencyMs} ms, p50 / p99`, unfurl: `${cards.p50} / ${cards.p99} ms`, reference: '', ratio: '', target: '', met: null },
    ...[
      { clients: below.clients, load: cardsBelow },
      { clients: light.clients, load: cardsLight },
    ].flatMap(({ clients, load }) => [
      { scenario: `Time to card: ${clients} clients, ${card.hosts} hosts, upstream ${card.latencyMs} ms (cards/s)`, unfurl: fmt(load.perSecond, 1), reference: atMost(clients), ratio: '', target: '', met: null },
      { scenario: `Time to card minus ${card.latencyMs} ms at ${clients} clients, p50 / p99`, unfurl: `${load.p50} / ${load.p99} ms`, reference: '', ratio: '', target: 'p50 overhead <= 50 ms below saturation', met: load.cards > 0 && load.p50 <= 50 },
    ]),
    { scenario: `Time to card at ${inStep.clients} clients all starting at once: cards/s; minus ${card.latencyMs} ms, p50 / p99`, unfurl: `${fmt(cardsInStep.perSecond, 1)}; ${cardsInStep.p50} / ${cardsInStep.p99} ms`, reference: atMost(inStep.clients), ratio: '', target: '', met: null },
    { scenario: `Box CPU per preview: cached read / cold / time to card (${card.clients} / ${below.clients} / ${light.clients} clients)`, unfurl: `${fmt(apiReads.cpuMs ?? 0, 2)} / ${fmt(cold.cpuMs, 1)} / ${fmt(cards.cpuMs, 1)} / ${fmt(cardsBelow.cpuMs, 1)} / ${fmt(cardsLight.cpuMs, 1)} ms`, reference: '', ratio: '', target: 'cold <= 10 ms', met: cold.cpuMs <= 10 },
    { scenario: `Isolation: cached p99 at ${plan.isolationRate} req/s, idle -> cold load`, unfurl: `${idle.p99} -> ${underCold.p99} ms`, reference: '', ratio: `${fmt(ratio(underCold.p99, idle.p99), 1)}x`, target: '<= 1.5x', met: ratio(underCold.p99, idle.p99) <= 1.5 },
    { scenario: 'Isolation, naive parse-in-handler app', unfurl: '', reference: `${naiveIdle.p99} -> ${naiveUnderCold.p99} ms`, ratio: `${fmt(ratio(naiveUnderCold.p99, naiveIdle.p99), 1)}x`, target: '>= 10x', met: ratio(naiveUnderCold.p99, naiveIdle.p99) >= 10 },
    { scenario: 'Coalescing: upstream hits for 1,000 concurrent requests of one URL', unfurl: String(coalesceHits), reference: `${coalesce.requests - coalesce.failed} of 1,000 answered 2xx`, ratio: '', target: '1', met: coalesceHits === 1 },
    { scenario: 'Scaling: cached reads, 1 -> 2 API processes (req/s)', unfurl: `${fmt(apiReads.rps)} -> ${fmt(apiReads2.rps)}`, reference: '', ratio: `${fmt(ratio(apiReads2.rps, apiReads.rps), 2)}x`, target: '', met: null },
    { scenario: `Scaling: cold unfurls, 1 -> ${cores} extraction threads (previews/s)`, unfurl: `${fmt(coldThread1.perSecond, 1)} -> ${fmt(coldThreads.perSecond, 1)}`, reference: '', ratio: `${fmt(ratio(coldThreads.perSecond, coldThread1.perSecond), 2)}x`, target: '', met: null },
    ...eldRows,
    { scenario: 'Stalled jobs (whole run)', unfurl: String(totalStalled), reference: '', ratio: '', target: '0', met: stalled === null ? null : totalStalled === 0 },
    ...render.rows,
    ...(peer ? peerRows(peer, cold, cards) : []),
    ...rssRows({ idle: idleRss, loaded: coldRss }, peer?.rss ?? null),
  ];
  const json = {
    date: new Date().toISOString(),
    mode: quick ? 'quick' : 'full',
    // Other work on the machine skews every figure: the load average says how much there was.
    machine: { cores, cpu: cpus()[0]?.model, node: process.version, loadAverageAtStart, loadAverageAtEnd: loadavg() },
    pages: { dir: pagesDir ?? null, count: pages.length, upstreamLatencyMs: latencyMs },
    cachedReads: { api: apiReads, bare: bareReads, api2Processes: apiReads2 },
    latencyCurve: { api: apiCurve, bare: bareCurve },
    cold: { endToEnd: cold, extractorCeilingPerSecond: ceiling, oneThread: coldThread1, allThreads: coldThreads },
    timeToCard: { latencyMs: card.latencyMs, hosts: card.hosts, clients: card.clients, urls: plan.cards, unfurl: cards, belowSaturation: { clients: below.clients, urls: below.count, unfurl: cardsBelow }, light: { clients: light.clients, urls: light.count, unfurl: cardsLight }, inStep: { clients: inStep.clients, urls: inStep.count, unfurl: cardsInStep } },
    peer,
    isolation: { rate: plan.isolationRate, idle, underCold, naiveIdle, naiveUnderCold },
    coalescing: { upstreamHits: coalesceHits, load: coalesce },
    render: render.result,
    eventLoopDelayP99Ms: bench.eld,
    stalledJobs: totalStalled,
    rssMb: { unfurl: { idle: idleRss, loaded: coldRss }, peer: peer?.rss ?? null },
    seconds: (performance.now() - started) / 1000,
    rows,
  };
  const chart = latencyChart(`Cached reads: latency against load (${cores} cores, ${quick ? 'quick' : 'full'} run)`, [
    { name: 'Unfurl API p99', color: '#d62728', points: apiCurve.map((p) => [p.rps, p.p99]) },
    { name: 'Unfurl API p50', color: '#d62728', dashed: true, points: apiCurve.map((p) => [p.rps, p.p50]) },
    { name: 'bare Fastify p99', color: '#1f77b4', points: bareCurve.map((p) => [p.rps, p.p99]) },
    { name: 'bare Fastify p50', color: '#1f77b4', dashed: true, points: bareCurve.map((p) => [p.rps, p.p50]) },
  ]);
  return { rows, json, chart };
}

/** The peer's lines: Unfurl's figure, the peer's, Unfurl / peer, and the issue's targets. */
function peerRows(peer: Awaited<ReturnType<typeof runPeer>>, cold: { perSecond: number; cpuMs: number }, cards: CardLoad & { cpuMs: number }): Row[] {
  const { unfurlReads, reads, celery2, celery32 } = peer;
  const x = (a: number, b: number) => `${fmt(ratio(a, b), 1)}x`;
  const both = (f: (one: typeof celery2) => string) => `${f(celery2)} (2); ${f(celery32)} (32)`;
  return [
    { scenario: 'Peer FastAPI + Celery: cached reads (req/s)', unfurl: fmt(unfurlReads.rps), reference: fmt(reads.rps), ratio: x(unfurlReads.rps, reads.rps), target: '>= 2.5x', met: ratio(unfurlReads.rps, reads.rps) >= 2.5 },
    { scenario: 'Peer: cached reads p50 / p99', unfurl: `${unfurlReads.p50} / ${unfurlReads.p99} ms`, reference: `${reads.p50} / ${reads.p99} ms`, ratio: '', target: 'p99 <= peer', met: unfurlReads.p99 <= reads.p99 },
    { scenario: 'Peer: cold unfurls, Celery 2 and 32 processes (previews/s)', unfurl: fmt(cold.perSecond, 1), reference: both((one) => fmt(one.cold.perSecond, 1)), ratio: both((one) => x(cold.perSecond, one.cold.perSecond)), target: '>= 5x (2)', met: ratio(cold.perSecond, celery2.cold.perSecond) >= 5 },
    { scenario: 'Peer: time to card, Celery 2 and 32 processes (cards/s)', unfurl: fmt(cards.perSecond, 1), reference: both((one) => fmt(one.cards.perSecond, 1)), ratio: both((one) => x(cards.perSecond, one.cards.perSecond)), target: '>= 10x (2); >= 3x (32)', met: ratio(cards.perSecond, celery2.cards.perSecond) >= 10 && ratio(cards.perSecond, celery32.cards.perSecond) >= 3 },
    { scenario: `Peer: time to card minus ${card.latencyMs} ms, p50 / p99`, unfurl: `${fmt(cards.p50)} / ${fmt(cards.p99)} ms`, reference: both((one) => `${fmt(one.cards.p50)} / ${fmt(one.cards.p99)} ms`), ratio: '', target: '', met: null },
    { scenario: 'Peer: box CPU per cached read (ms)', unfurl: fmt(unfurlReads.cpuMs ?? 0, 2), reference: fmt(reads.cpuMs ?? 0, 2), ratio: '', target: '', met: null },
    { scenario: 'Peer: box CPU per preview, cold / time to card (ms)', unfurl: `${fmt(cold.cpuMs, 1)} / ${fmt(cards.cpuMs, 1)}`, reference: both((one) => `${fmt(one.cold.cpuMs, 1)} / ${fmt(one.cards.cpuMs, 1)}`), ratio: '', target: '', met: null },
  ];
}

async function main(): Promise<void> {
  const bench = new Bench();
  const stop = () => void bench.tearDown().then(() => process.exit(130));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const { rows, json, chart } = await run(bench);
    const table = markdownTable(rows);
    const mode = quick ? 'quick' : 'full';
    const dir = path.join(root, 'bench', 'results');
    await mkdir(dir, { recursive: true });
    const heading = `# npm run bench${args.length > 0 ? ` -- ${args.join(' ')}` : ''}\n\n${json.date}, ${json.machine.cores} cores (${json.machine.cpu}), Node ${json.machine.node}, load average ${json.machine.loadAverageAtStart[0].toFixed(1)} at start and ${json.machine.loadAverageAtEnd[0].toFixed(1)} at end, ${json.pages.count} pages ${pagesDir ? `from ${pagesDir}` : '(generated)'}, upstream latency ${latencyMs} ms, ${fmt(json.seconds)} s.\n\n`;
    await writeFile(path.join(dir, `${mode}.md`), `${heading}${table}\n\n![latency against load](${mode}-latency.svg)\n`);
    await writeFile(path.join(dir, `${mode}.json`), `${JSON.stringify(json, null, 2)}\n`);
    await writeFile(path.join(dir, `${mode}-latency.svg`), chart);
    process.stdout.write(`\n${table}\n\nwritten: bench/results/${mode}.md, ${mode}.json, ${mode}-latency.svg (${fmt(json.seconds)} s)\n`);
  } finally {
    await bench.tearDown();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
