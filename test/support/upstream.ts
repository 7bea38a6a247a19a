import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Route {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Milliseconds to wait before answering. */
  delayMs?: number;
}

/** A local HTTP server standing in for the web: fixed routes, and a count of hits per path. */
export class Upstream {
  readonly hits = new Map<string, number>();
  private readonly routes = new Map<string, Route | ((request: IncomingMessage, response: ServerResponse) => void)>();
  private server?: Server;
  baseUrl = '';

  route(path: string, route: Route | ((request: IncomingMessage, response: ServerResponse) => void)): string {
    this.routes.set(path, route);
    return `${this.baseUrl}${path}`;
  }

  page(path: string, html: string, delayMs = 0): string {
    return this.route(path, { headers: { 'content-type': 'text/html; charset=utf-8' }, body: html, delayMs });
  }

  hitCount(path: string): number {
    return this.hits.get(path) ?? 0;
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      this.hits.set(path, (this.hits.get(path) ?? 0) + 1);
      const route = this.routes.get(path);
      if (typeof route === 'function') return route(request, response);
      const answer = route ?? { status: 404, headers: { 'content-type': 'text/html' }, body: '<h1>Not found</h1>' };
      setTimeout(() => response.writeHead(answer.status ?? 200, answer.headers).end(answer.body), answer.delayMs ?? 0);
    });
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close');
  }
}
