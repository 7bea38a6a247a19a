import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService, type Environment } from '@unfurl/config';
import { timingSafeEqual } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { RendererMetrics } from '../metrics/renderer-metrics';
import { RendererService } from '../rendering/renderer.service';

/** The renderer's probes (/health/live; /health/ready while its browser is up) and Prometheus (/metrics). */
@Injectable()
export class HealthServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(HealthServer.name);
  private server?: Server;

  constructor(
    private readonly config: ConfigService<Environment, true>,
    private readonly renderer: RendererService,
    private readonly metrics: RendererMetrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.get('RENDERER_HEALTH_PORT', { infer: true });
    if (port === 0) return;
    this.server = createServer((request, response) => void this.answer(request.url ?? '', request.headers.authorization ?? '', response));
    this.server.listen(port, this.config.get('HOST', { infer: true }));
    await once(this.server, 'listening');
    this.logger.log(`health on port ${port}`);
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.server) return;
    this.server.close();
    await once(this.server, 'close');
  }

  private async answer(path: string, authorization: string, response: ServerResponse): Promise<void> {
    const json = (status: number, body: object, headers: Record<string, string> = {}) =>
      void response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
    if (path === '/health/live') return json(200, { status: 'ok' });
    if (path === '/health/ready') {
      const browser = (await this.renderer.isReady()) ? 'up' : 'down';
      return json(browser === 'up' ? 200 : 503, { status: browser === 'up' ? 'ok' : 'error', browser });
    }
    if (path !== '/metrics') return json(404, { status: 'not found' });
    // With METRICS_TOKEN set, a scraper must send it as a bearer token.
    const token = this.config.get('METRICS_TOKEN', { infer: true });
    const expected = Buffer.from(`Bearer ${token}`);
    const given = Buffer.from(authorization);
    if (token && (given.length !== expected.length || !timingSafeEqual(given, expected))) return json(401, { status: 'unauthorized' }, { 'www-authenticate': 'Bearer' });
    response.writeHead(200, { 'content-type': this.metrics.contentType }).end(await this.metrics.metrics());
  }
}
