import { Module } from '@nestjs/common';
import { UnfurlConfigModule, UnfurlLoggerModule } from '@unfurl/config';
import { FetchPolicyModule } from '@unfurl/fetcher';
import { HealthServer } from './health/health.server';
import { RendererMetrics } from './metrics/renderer-metrics';
import { RendererService } from './rendering/renderer.service';

/** Pages that need JavaScript: headless Chromium behind the fetcher's address policy, scaled apart from the worker. */
@Module({
  imports: [UnfurlConfigModule, UnfurlLoggerModule, FetchPolicyModule],
  providers: [RendererMetrics, RendererService, HealthServer],
})
export class RendererModule {}
