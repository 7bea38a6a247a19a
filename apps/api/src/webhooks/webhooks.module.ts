import { Module } from '@nestjs/common';
import { DatabaseModule } from '@unfurl/database';
import { FetchPolicyModule } from '@unfurl/fetcher';
import { QueueModule } from '@unfurl/queue';
import { PreviewCallbacksService } from './preview-callbacks.service';

/** The API's half of webhooks: accepting and recording callback URLs. The worker delivers them. */
@Module({
  imports: [DatabaseModule, QueueModule, FetchPolicyModule],
  providers: [PreviewCallbacksService],
  exports: [PreviewCallbacksService],
})
export class WebhooksModule {}
