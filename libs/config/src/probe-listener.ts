import { timingSafeEqual } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server, type ServerResponse } from 'node:http';

export interface ProbeListenerOptions {
  /** 0 turns the listener off. */
  port: number;
  host: string;
  /** When set, /metrics needs `Authorization: Bearer <token>`. */
  metricsToken?: string;
  /** Readiness: each dependency up or down; ready when all are up. */
  checks: () => Promise<Record<string, 'up' | 'down'>>;
  metrics: { metrics(): Promise<string>; contentType: string };
}

/**
 * The small HTTP listener of an app without an HTTP API: /health/live, /health/ready (503 while a
 * dependency is down) and Prometheus' /metrics. Plain node:http, nothing on it blocks.
 */
export class ProbeListener {
  private server?: Server;

  constructor(private readonly options: ProbeListenerOptions) {}

  /** Resolves with the port listened on, or 0 when turned off. */
  async listen(): Promise<number> {
    if (this.options.port === 0) return 0;
    this.server = createServer((request, response) => void this.answer(request.url ?? '', request.headers.authorization ?? '', response));
    this.server.listen(this.options.port, this.options.host);
    await once(this.server, 'listening');
    return this.options.port;
  }

  async close(): Promise<void> {
    if (!this.server) return;
    this.server.close();
    await once(this.server, 'close');
  }

  private async answer(path: string, authorization: string, response: ServerResponse): Promise<void> {
    const json = (status: number, body: object, headers: Record<string, string> = {}) =>
      void response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
    if (path === '/health/live') return json(200, { status: 'ok' });
    if (path === '/health/ready') {
      const checks = await this.options.checks();
      const ok = Object.values(checks).every((state) => state === 'up');
      return json(ok ? 200 : 503, { status: ok ? 'ok' : 'error', ...checks });
    }
    if (path !== '/metrics') return json(404, { status: 'not found' });
    const token = this.options.metricsToken;
    const expected = Buffer.from(`Bearer ${token}`);
    const given = Buffer.from(authorization);
    if (token && (given.length !== expected.length || !timingSafeEqual(given, expected))) return json(401, { status: 'unauthorized' }, { 'www-authenticate': 'Bearer' });
    response.writeHead(200, { 'content-type': this.options.metrics.contentType }).end(await this.options.metrics.metrics());
  }
}
