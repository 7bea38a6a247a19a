import { Module } from '@nestjs/common';
import { UnfurlConfigModule, UnfurlLoggerModule } from '@unfurl/config';
import { OpsModule } from './ops/ops.module';
import { PreviewsModule } from './previews/previews.module';
import { WebhooksModule } from './webhooks/webhooks.module';

@Module({
  imports: [UnfurlConfigModule, UnfurlLoggerModule, PreviewsModule, WebhooksModule, OpsModule],
})
export class WorkerModule {}
