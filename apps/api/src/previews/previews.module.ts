import { Module } from '@nestjs/common';
import { DatabaseModule } from '@unfurl/database';
import { QueueModule } from '@unfurl/queue';
import { PreviewWaiter } from './preview-waiter.service';
import { PreviewsController } from './previews.controller';
import { PreviewsService } from './previews.service';

@Module({
  imports: [DatabaseModule, QueueModule],
  controllers: [PreviewsController],
  providers: [PreviewsService, PreviewWaiter],
})
export class PreviewsModule {}
