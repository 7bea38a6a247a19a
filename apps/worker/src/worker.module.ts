import { Module } from '@nestjs/common';
import { ConfigService, UnfurlConfigModule, UnfurlLoggerModule, type Environment } from '@unfurl/config';
import { DatabaseModule } from '@unfurl/database';
import { FetcherModule } from '@unfurl/fetcher';
import { QueueModule } from '@unfurl/queue';
import { ExtractionPool } from './extraction/extraction-pool';
import { HealthServer } from './health/health.server';
import { WorkerMetrics } from './metrics/worker-metrics';
import { PreviewsProcessor } from './previews.processor';
import { ReconcilerService } from './reconciler.service';
import { HostLimiter } from './unfurl/host-limiter';
import { OEmbedService } from './unfurl/oembed.service';
import { UnfurlService } from './unfurl/unfurl.service';
import { WebhookDeliveryService } from './webhooks/webhook-delivery.service';
import { WebhookDispatcher } from './webhooks/webhook-dispatcher.service';
import { WebhooksProcessor } from './webhooks/webhooks.processor';

@Module({
  imports: [
    UnfurlConfigModule,
    UnfurlLoggerModule,
    DatabaseModule,
    QueueModule,
    FetcherModule.registerAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) => ({
        allowPrivateAddresses: config.get('FETCH_ALLOW_PRIVATE_ADDRESSES', { infer: true }),
        allowedPorts: config.get('FETCH_ALLOWED_PORTS', { infer: true }).split(',').map(Number),
        connectTimeoutMs: config.get('FETCH_CONNECT_TIMEOUT_MS', { infer: true }),
        totalTimeoutMs: config.get('FETCH_TIMEOUT_MS', { infer: true }),
        maxRedirects: config.get('FETCH_MAX_REDIRECTS', { infer: true }),
        maxBodyBytes: config.get('FETCH_MAX_BYTES', { infer: true }),
        maxUrlLength: config.get('MAX_URL_LENGTH', { infer: true }),
        userAgent: config.get('FETCH_USER_AGENT', { infer: true }),
      }),
    }),
  ],
  providers: [ExtractionPool, OEmbedService, UnfurlService, PreviewsProcessor, ReconcilerService, HealthServer, HostLimiter, WorkerMetrics, WebhookDeliveryService, WebhookDispatcher, WebhooksProcessor],
})
export class WorkerModule {}
