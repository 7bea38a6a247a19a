import { Module } from '@nestjs/common';
import { DatabaseModule } from '@unfurl/database';
import { FetcherModule } from '@unfurl/fetcher';
import { QueueModule } from '@unfurl/queue';
import { ExtractionModule } from '../extraction/extraction.module';
import { HostBreaker } from './host-breaker';
import { RobotsModule } from '../robots/robots.module';
import { HostLimiter } from './host-limiter';
import { OEmbedService } from './oembed.service';
import { PreviewsProcessor } from './previews.processor';
import { ReconcilerService } from './reconciler.service';
import { RenderedService } from './rendered.service';
import { UnfurlService } from './unfurl.service';

/** Preview jobs: fetch, extract, store; and the reconciler that re-queues pending rows whose job was lost. */
@Module({
  imports: [DatabaseModule, QueueModule, FetcherModule, ExtractionModule, RobotsModule],
  providers: [HostLimiter, HostBreaker, OEmbedService, UnfurlService, RenderedService, PreviewsProcessor, ReconcilerService],
  exports: [HostLimiter, HostBreaker],
})
export class PreviewsModule {}
