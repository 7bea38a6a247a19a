import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { ConfigService, type Environment } from '@unfurl/config';
import { QueueName } from '@unfurl/contracts';
import { queueSettings } from './job-options';
import { JobQueue } from './job-queue';

/** Redis connection and the queues; everything else reaches them through JobQueue. */
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
  providers: [JobQueue],
  exports: [JobQueue],
})
export class QueueModule {}
