import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService, type Environment } from '@unfurl/config';
import { PreviewQueue } from '@unfurl/queue';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { DataSource } from 'typeorm';

/** A tiny HTTP listener for the worker's probes: /health/live and /health/ready. */
@Injectable()
export class HealthServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(HealthServer.name);
  private server?: Server;

  constructor(
    private readonly config: ConfigService<Environment, true>,
    private readonly dataSource: DataSource,
    private readonly previewQueue: PreviewQueue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.get('WORKER_HEALTH_PORT', { infer: true });
    if (port === 0) return;
    this.server = createServer((request, response) => {
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

  private async answer(path: string): Promise<[number, object]> {
    if (path === '/health/live') return [200, { status: 'ok' }];
    if (path !== '/health/ready') return [404, { status: 'not found' }];
    const checks = await Promise.allSettled([this.dataSource.query('SELECT 1'), this.previewQueue.ping()]);
    const [database, redis] = checks.map((check) => (check.status === 'fulfilled' ? 'up' : 'down'));
    const ok = database === 'up' && redis === 'up';
    return [ok ? 200 : 503, { status: ok ? 'ok' : 'error', database, redis }];
  }
}
