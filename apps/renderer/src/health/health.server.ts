import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService, ProbeListener, type Environment } from '@unfurl/config';
import { RendererMetrics } from '../metrics/renderer-metrics';
import { RendererService } from '../rendering/renderer.service';

/** The renderer's probes and metrics on RENDERER_HEALTH_PORT; ready while its browser is up. */
@Injectable()
export class HealthServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(HealthServer.name);
  private readonly listener: ProbeListener;

  constructor(config: ConfigService<Environment, true>, renderer: RendererService, metrics: RendererMetrics) {
    this.listener = new ProbeListener({
      port: config.get('RENDERER_HEALTH_PORT', { infer: true }),
      host: config.get('HOST', { infer: true }),
      metricsToken: config.get('METRICS_TOKEN', { infer: true }),
      checks: async () => ({ browser: (await renderer.isReady()) ? 'up' : 'down' }),
      metrics,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    const port = await this.listener.listen();
    if (port) this.logger.log(`health on port ${port}`);
  }

  onApplicationShutdown(): Promise<void> {
    return this.listener.close();
  }
}
