import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService, type Environment } from '@unfurl/config';
import { JobQueue } from '@unfurl/queue';
import { once } from 'node:events';
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { DataSource } from 'typeorm';
import { WorkerMetrics } from './worker-metrics';

/** A tiny HTTP listener for the worker's probes (/health/live, /health/ready) and Prometheus (/metrics). */
@Injectable()
export class HealthServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(HealthServer.name);
  private server?: Server;

  constructor(
    private readonly config: ConfigService<Environment, true>,
    private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    private readonly metrics: WorkerMetrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.get('WORKER_HEALTH_PORT', { infer: true });
    if (port === 0) return;
    this.server = createServer((request, response) => {
      if (request.url === '/metrics') return void this.answerMetrics(request, response);
      void this.answer(request.url ?? '').then(([status, body]) => {
        response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      });
    });
    this.server.listen(port, this.config.get('HOST', { infer: true }));
    await once(this.server, 'listening');
    this.logger.log(`health on port ${port}`);
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.server) return;
    this.server.close();
    await once(this.server, 'close');
  }

  /** With METRICS_TOKEN set, a scraper must send it as a bearer token. */
  private async answerMetrics(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const token = this.config.get('METRICS_TOKEN', { infer: true });
    if (token && !safeEqual(request.headers.authorization ?? '', `Bearer ${token}`)) {
      response.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer' }).end(JSON.stringify({ status: 'unauthorized' }));
      return;
    }
    const body = await this.metrics.metrics();
    response.writeHead(200, { 'content-type': this.metrics.contentType }).end(body);
  }

  private async answer(path: string): Promise<[number, object]> {
    if (path === '/health/live') return [200, { status: 'ok' }];
    if (path !== '/health/ready') return [404, { status: 'not found' }];
    const checks = await Promise.allSettled([this.dataSource.query('SELECT 1'), this.jobs.ping()]);
    const [database, redis] = checks.map((check) => (check.status === 'fulfilled' ? 'up' : 'down'));
    const ok = database === 'up' && redis === 'up';
    return [ok ? 200 : 503, { status: ok ? 'ok' : 'error', database, redis }];
  }
}

function safeEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
