// The web, for the bench: a child process on 127.0.0.1 that serves the same page bodies under any
// number of paths (/p/<anything>/<n> is page n modulo the set), after a configurable latency, and
// counts hits per path so coalescing can be checked. GET /__hits?path=… answers a count.
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadPages } from './pages';

async function main(): Promise<void> {
  const [dir, latencyArg] = [process.env.BENCH_PAGES_DIR || undefined, process.env.BENCH_UPSTREAM_LATENCY_MS ?? '20'];
  const latencyMs = Number(latencyArg);
  const pages = await loadPages(dir);
  const hits = new Map<string, number>();
  let total = 0;
  const server = createServer((request, response) => {
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
  });
  server.keepAliveTimeout = 30_000;
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port, pages: pages.length })}\n`);
  process.on('SIGTERM', () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`bench upstream: ${String(error)}\n`);
  process.exit(1);
});
