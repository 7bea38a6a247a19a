// The renderer under load (issue 12): renders per second and the renderer's memory on the corpus
// pages (render=always: a page that needs no JavaScript is still a real page for the browser), then
// the API's cached-read p99 at a fixed rate, idle and while a backlog of render=always previews keeps
// the renderer busy. Skipped, in one line, without Chromium or without the corpus.
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Pool } from 'pg';
import { descendantProcesses, processInfo } from '../../apps/renderer/src/browser/process-tree';
import { describeRefused, drive, type Load, type LoadOptions } from './load';
import { firstLine, imageUser, waitUntilUp, type Child, type RunAs } from './processes';
import type { Row } from './report';
import { scrape } from './scrape';

const root = path.resolve(__dirname, '..', '..', '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CORPUS = path.join(root, '..', 'shared', 'corpus', 'pages');
/** Pages rendered at once: the renderer's default (RENDER_CONCURRENCY). */
const CONCURRENCY = 2;

/** What the scenario uses of main.ts's Bench. */
export interface RenderBench {
  services: { freePort(): Promise<number> };
  api: { url: string };
  worker: { child: Child | undefined; metricsUrl: string };
  db: Pool;
  auth: Record<string, string>;
  appEnv(): Record<string, string>;
  start(name: string, script: string, env: Record<string, string>, as?: RunAs): Child;
  stop(child: Child | undefined): Promise<void>;
  startApi(processes: number): Promise<void>;
}

export interface RenderPlan {
  /** Distinct corpus URLs rendered for the throughput line. */
  pages: number;
  /** Seconds of each cached-read measurement. */
  seconds: number;
  /** Fixed rate of the cached reads (req/s). */
  rate: number;
  /** The cached reads: paths of ready previews on the bench's API. */
  cachedPaths: string[];
}

export interface RenderResult {
  rendersPerSecond: number;
  /** Pages the API took (of RenderPlan.pages): the rest were shed. */
  pages: number;
  /** Why the API did not take the rest (describeRefused). */
  refused: string;
  rendered: number;
  /** Previews whose render failed (static read kept), by renderError code. */
  renderErrors: Record<string, number>;
  /** Peak resident memory while rendering: the renderer's Node process, Chromium's processes, and the most Chromium processes seen. */
  rss: { nodeBytes: number; chromiumBytes: number; totalBytes: number; chromiumProcesses: number };
  idle: Load;
  busy: Load;
  /** Render previews still pending when the busy measurement ended: > 0 means the renderer never ran dry. */
  backlogLeft: number;
}

const say = (line: string) => process.stdout.write(`[bench] ${line}\n`);
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const built = (file: string) => path.join(__dirname, file);
const dist = (app: string) => path.join(root, 'dist', 'apps', app, 'main.js');

/** Previews the API took: a request it shed (503 on a loaded machine) created none. */
const accepted = (load: Load) => load.requests - load.failed;

/** Why the scenario cannot run here, or null. */
function missing(): string | null {
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} is not installed (apt-get install -y chromium)`;
  if (!existsSync(CORPUS) || !readdirSync(CORPUS).some((name) => name.endsWith('.html'))) return `the corpus (${CORPUS}) is absent`;
  return null;
}

/** Runs the scenario and returns its lines; one "skipped" line when it cannot run. */
export async function renderLines(bench: RenderBench, plan: RenderPlan): Promise<{ rows: Row[]; result: RenderResult | null }> {
  const reason = missing();
  if (reason) {
    say(`render: skipped, ${reason}`);
    return { rows: [{ scenario: 'Renderer (render=always on the corpus)', unfurl: `skipped: ${reason}`, reference: '', ratio: '', target: '', met: null }], result: null };
  }
  const result = await runRender(bench, plan);
  const errors = Object.entries(result.renderErrors).map(([code, n]) => `${n} ${code}`);
  const { rss } = result;
  return {
    result,
    rows: [
      {
        scenario: `Renders/s: ${result.pages} corpus pages, render=always, ${CONCURRENCY} pages at once`,
        unfurl: result.rendersPerSecond.toFixed(2),
        reference: `${result.rendered} rendered${errors.length ? `, ${errors.join(', ')} (static read kept)` : ''}; ${plan.pages - result.pages} of ${plan.pages} requests not taken (${result.refused})`,
        ratio: '',
        target: '',
        met: null,
      },
      {
        scenario: 'Renderer RSS, peak while rendering (Node + Chromium process tree)',
        unfurl: mb(rss.totalBytes),
        reference: `Node ${mb(rss.nodeBytes)} + Chromium ${mb(rss.chromiumBytes)} in ${rss.chromiumProcesses} processes`,
        ratio: '',
        target: '',
        met: null,
      },
      {
        scenario: `Isolation: cached p99 at ${plan.rate} req/s, idle -> renderer saturated`,
        unfurl: `${result.idle.p99} -> ${result.busy.p99} ms`,
        reference: `${result.backlogLeft} renders still queued at the end; ${result.busy.failed} of ${result.busy.requests} reads not 2xx (${describeRefused(result.busy)}; idle ${result.idle.failed})`,
        ratio: `${(result.idle.p99 > 0 ? result.busy.p99 / result.idle.p99 : 0).toFixed(1)}x`,
        target: '<= 1.5x',
        met: result.backlogLeft > 0 ? result.busy.p99 <= 1.5 * result.idle.p99 : null,
      },
    ],
  };
}

async function runRender(bench: RenderBench, plan: RenderPlan): Promise<RenderResult> {
  // The corpus pages name real hosts: the worker and the renderer reach nothing but loopback.
  const guard = { NODE_OPTIONS: `--require ${built('loopback-only.js')}`, FETCH_ALLOW_PRIVATE_ADDRESSES: 'true' };
  const upstreamChild = bench.start('render upstream', built('upstream-server.js'), { BENCH_PAGES_DIR: CORPUS, BENCH_UPSTREAM_LATENCY_MS: '20' });
  const upstream = `http://127.0.0.1:${(await firstLine(upstreamChild)).port}`;
  say(`render: corpus on ${upstream}; one API process, a worker with RENDER_ENABLED, the renderer`);
  await bench.startApi(1);
  await bench.stop(bench.worker.child);
  const env = { ...bench.appEnv(), ...guard, RENDER_ENABLED: 'true', CHROMIUM_PATH: CHROMIUM };
  const workerPort = await bench.services.freePort();
  const worker = bench.start('render worker', dist('worker'), { ...env, WORKER_HEALTH_PORT: String(workerPort), WORKER_CONCURRENCY: '64', FETCH_PER_HOST_CONCURRENCY: '64' });
  bench.worker = { child: worker, metricsUrl: `http://127.0.0.1:${workerPort}/metrics` };
  await waitUntilUp(worker, `http://127.0.0.1:${workerPort}/health/ready`);
  const rendererPort = await bench.services.freePort();
  const renderer = bench.start('renderer', dist('renderer'), { ...env, HOME: tmpdir(), RENDERER_HEALTH_PORT: String(rendererPort), RENDER_CONCURRENCY: String(CONCURRENCY) }, imageUser());
  await waitUntilUp(renderer, `http://127.0.0.1:${rendererPort}/health/ready`);

  const ask = (prefix: string, count: number) => {
    const paths = Array.from({ length: count }, (_, i) => `/v1/previews?url=${encodeURIComponent(`${upstream}/p/${prefix}/${i}`)}&render=always`);
    return drive({ baseUrl: bench.api.url, paths, connections: Math.min(16, count), amount: count, headers: bench.auth });
  };
  /** Requests the API has answered 503 OVERLOADED (its event loop too late) since it started. */
  const shedSoFar = async () => (await scrape(`${bench.api.url}/metrics`, bench.auth.authorization?.replace(/^Bearer /, '')))?.get('unfurl_http_requests_shed_total') ?? 0;
  const count = async (prefix: string) => {
    const { rows } = await bench.db.query<{ status: string; code: string | null; n: string }>(
      `SELECT status, data->'renderError'->>'code' AS code, count(*) AS n FROM previews WHERE url LIKE $1 GROUP BY 1, 2`,
      [`${upstream}/p/${prefix}/%`],
    );
    return rows.map((row) => ({ ...row, n: Number(row.n) }));
  };
  const drained = async (prefix: string, total: number) => {
    const started = performance.now();
    for (;;) {
      const rows = await count(prefix);
      const done = rows.filter((row) => row.status !== 'pending').reduce((sum, row) => sum + row.n, 0);
      if (done >= total) return rows;
      if (performance.now() - started > 600_000) throw new Error(`render: ${prefix} not done in 10 minutes: ${JSON.stringify(rows)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  // One page first, so that the browser's start is not counted.
  await drained('render-warm', accepted(await ask('render-warm', CONCURRENCY)));

  say(`render: ${plan.pages} corpus pages with render=always`);
  const peak = { nodeBytes: 0, chromiumBytes: 0, totalBytes: 0, chromiumProcesses: 0 };
  const sampling = new AbortController();
  const sampler = (async () => {
    while (!sampling.signal.aborted) {
      const pid = renderer.process.pid!;
      const [node, chromium] = await Promise.all([processInfo(pid), descendantProcesses(pid)]);
      const chromiumBytes = chromium.reduce((sum, p) => sum + p.rssBytes, 0);
      const totalBytes = (node?.rssBytes ?? 0) + chromiumBytes;
      if (totalBytes > peak.totalBytes) Object.assign(peak, { nodeBytes: node?.rssBytes ?? 0, chromiumBytes, totalBytes });
      peak.chromiumProcesses = Math.max(peak.chromiumProcesses, chromium.length);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  })();
  const started = performance.now();
  let pages = 0;
  let refused = '';
  let elapsedS = 0;
  let rows: Awaited<ReturnType<typeof drained>>;
  try {
    const shedBefore = await shedSoFar();
    const load = await ask('render', plan.pages);
    const shed = (await shedSoFar()) - shedBefore;
    pages = accepted(load);
    refused = `${describeRefused(load)}${load.failed > 0 ? `; ${shed} of them shed as OVERLOADED` : ''}`;
    rows = await drained('render', pages);
    elapsedS = (performance.now() - started) / 1000;
  } finally {
    // Stopped whatever happens, or its loop would keep the bench alive.
    sampling.abort();
    await sampler;
  }
  const rendersPerSecond = pages / elapsedS;
  const renderErrors = Object.fromEntries(rows.filter((row) => row.code).map((row) => [row.code, row.n]));
  const { rows: modes } = await bench.db.query<{ n: string }>(`SELECT count(*) AS n FROM previews WHERE url LIKE $1 AND data->>'fetchMode' = 'rendered'`, [`${upstream}/p/render/%`]);

  say('render: cached-read p99, idle, then while the renderer works through a backlog');
  const reads: LoadOptions = { baseUrl: bench.api.url, paths: plan.cachedPaths, connections: 8, rate: plan.rate, durationS: plan.seconds, headers: bench.auth };
  await drive({ ...reads, durationS: 1 });
  const idle = await drive(reads);
  // Enough renders to outlast the measurement twice over at the rate just measured.
  const backlog = Math.max(4 * CONCURRENCY, Math.ceil(rendersPerSecond * (plan.seconds + 2) * 2));
  const queued = accepted(await ask('render-busy', backlog));
  const busy = await drive(reads);
  const backlogLeft = (await count('render-busy')).filter((row) => row.status === 'pending').reduce((sum, row) => sum + row.n, 0);
  await drained('render-busy', queued);
  await bench.stop(renderer);
  await bench.stop(upstreamChild);
  return { rendersPerSecond, pages, refused, rendered: Number(modes[0]?.n ?? 0), renderErrors, rss: peak, idle, busy, backlogLeft };
}
