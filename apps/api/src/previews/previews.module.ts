import { Module } from '@nestjs/common';
import { DatabaseModule } from '@unfurl/database';
import { QueueModule } from '@unfurl/queue';
import { AuthModule } from '../auth/auth.module';
import { HotCacheModule } from '../hot-cache/hot-cache.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { PreviewEventsController } from './preview-events.controller';
import { PreviewEventsService } from './preview-events.service';
import { PreviewScreenshotController } from './preview-screenshot.controller';
import { PreviewWaiter } from './preview-waiter.service';
import { PreviewsController } from './previews.controller';
import { PreviewsService } from './previews.service';

@Module({
  imports: [DatabaseModule, QueueModule, WebhooksModule, AuthModule, HotCacheModule],
  controllers: [PreviewsController, PreviewEventsController, PreviewScreenshotController],
  providers: [PreviewsService, PreviewWaiter, PreviewEventsService],
  exports: [PreviewsService],
})
export class PreviewsModule {}
