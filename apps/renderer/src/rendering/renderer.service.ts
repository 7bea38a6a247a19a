import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService, type Environment } from '@unfurl/config';
import { FETCH_POLICY, type FetchPolicy } from '@unfurl/fetcher';
import { PageRenderer, type RenderedPage, type RenderOptions } from '../browser/page-renderer';
import { RendererMetrics } from '../metrics/renderer-metrics';
import { rendererOptions } from './renderer-options';

/**
 * The app's one PageRenderer: the browser starts with the app (a renderer without Chromium stops
 * at start-up, naming the path) and closes after the pages in flight on shutdown.
 */
@Injectable()
export class RendererService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RendererService.name);
  private readonly renderer: PageRenderer;

  constructor(config: ConfigService<Environment, true>, @Inject(FETCH_POLICY) policy: FetchPolicy, metrics: RendererMetrics) {
    this.renderer = new PageRenderer(rendererOptions(config, policy, metrics));
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.renderer.start();
    this.logger.log('browser started');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.renderer.close();
  }

  /** See PageRenderer.render: the DOM of `url` once network-quiet or at the deadline; rejects with RenderError. */
  render(url: string, options?: RenderOptions): Promise<RenderedPage> {
    return this.renderer.render(url, options);
  }

  isReady(): Promise<boolean> {
    return this.renderer.isReady();
  }
}
