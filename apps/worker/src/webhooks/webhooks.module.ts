import { Module } from '@nestjs/common';
import { DatabaseModule } from '@unfurl/database';
import { FetcherModule } from '@unfurl/fetcher';
import { QueueModule } from '@unfurl/queue';
import { WebhookDeliveryService } from './webhook-delivery.service';
import { WebhookDispatcher } from './webhook-dispatcher.service';
import { WebhooksProcessor } from './webhooks.processor';

/** Webhook deliveries: queued when a preview job ends (or by the sweep), then POSTed, signed. */
@Module({
  imports: [DatabaseModule, QueueModule, FetcherModule],
  providers: [WebhookDeliveryService, WebhookDispatcher, WebhooksProcessor],
})
export class WebhooksModule {}
