// The web, for the bench: a child process on 127.0.0.1 that serves the same page bodies under any
// number of paths (/p/<anything>/<n> is page n modulo the set), after a configurable latency, and
// counts hits per path so coalescing can be checked. GET /__hits?path=… answers a count.
// BENCH_UPSTREAM_HOSTS=N listens on 127.0.0.1 … 127.0.0.N, all on the same port, so the services
// see N distinct hosts (per-host politeness limits and connection pools apply as on the web).
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadPages } from './pages';

async function main(): Promise<void> {
  const [dir, latencyArg] = [process.env.BENCH_PAGES_DIR || undefined, process.env.BENCH_UPSTREAM_LATENCY_MS ?? '20'];
  const latencyMs = Number(latencyArg);
  const hostCount = Number(process.env.BENCH_UPSTREAM_HOSTS || 1);
  const pages = await loadPages(dir);
  const hits = new Map<string, number>();
  let total = 0;
  const handler = (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/__hits') {
      const path = url.searchParams.get('path');
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ total, hits: path ? (hits.get(path) ?? 0) : null }));
      return;
    }
    total += 1;
    hits.set(url.pathname, (hits.get(url.pathname) ?? 0) + 1);
    const index = Number(/\/(\d+)$/.exec(url.pathname)?.[1] ?? 0) % pages.length;
    setTimeout(() => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pages[index]), latencyMs);
  };
  const listen = async (host: string, port: number) => {
    const server = createServer(handler);
    server.keepAliveTimeout = 30_000;
    server.listen(port, host);
    await once(server, 'listening');
    return server;
  };
  const first = await listen('127.0.0.1', 0);
  const port = (first.address() as AddressInfo).port;
  const servers = [first];
  for (let host = 2; host <= hostCount; host++) servers.push(await listen(`127.0.0.${host}`, port));
  process.stdout.write(`${JSON.stringify({ port, pages: pages.length })}\n`);
  process.on('SIGTERM', () => {
    for (const server of servers) server.closeAllConnections();
    void Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve)))).then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`bench upstream: ${String(error)}\n`);
  process.exit(1);
});
