import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { ConfigService, type Environment } from '@unfurl/config';
import { QueueName } from '@unfurl/contracts';
import { defaultJobOptions, queueSettings } from './job-options';
import { PreviewQueue } from './preview.queue';
import { WebhookQueue } from './webhook.queue';

@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) => ({
        url: config.get('REDIS_URL', { infer: true }),
        prefix: config.get('QUEUE_PREFIX', { infer: true }),
        defaultJobOptions,
        settings: queueSettings,
      }),
    }),
    BullModule.registerQueue({ name: QueueName.Previews }, { name: QueueName.Webhooks }),
  ],
  providers: [PreviewQueue, WebhookQueue],
  exports: [PreviewQueue, WebhookQueue, BullModule],
})
export class QueueModule {}
