import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { ConfigService, type Environment } from '@unfurl/config';
import { QueueName } from '@unfurl/contracts';
import { queueSettings } from './job-options';
import { JobQueue } from './job-queue';
import { PreviewChanges } from './preview-changes';

/** Redis connection and the queues; everything else reaches them through JobQueue (and preview changes through PreviewChanges). */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) => ({
        url: config.get('REDIS_URL', { infer: true }),
        prefix: config.get('QUEUE_PREFIX', { infer: true }),
        settings: queueSettings,
      }),
    }),
    BullModule.registerQueue(...Object.values(QueueName).map((name) => ({ name }))),
  ],
  providers: [JobQueue, PreviewChanges],
  exports: [JobQueue, PreviewChanges],
})
export class QueueModule {}
