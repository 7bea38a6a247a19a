import { Module } from '@nestjs/common';
import { UnfurlConfigModule, UnfurlLoggerModule } from '@unfurl/config';
import { FetchPolicyModule } from '@unfurl/fetcher';
import { QueueModule } from '@unfurl/queue';
import { HealthServer } from './health/health.server';
import { RendererMetrics } from './metrics/renderer-metrics';
import { RenderProcessor } from './rendering/render.processor';
import { RendererService } from './rendering/renderer.service';

/** Pages that need JavaScript: headless Chromium behind the fetcher's address policy, scaled apart from the worker; it consumes the render queue. */
@Module({
  imports: [UnfurlConfigModule, UnfurlLoggerModule, FetchPolicyModule, QueueModule],
  providers: [RendererMetrics, RendererService, RenderProcessor, HealthServer],
})
export class RendererModule {}
