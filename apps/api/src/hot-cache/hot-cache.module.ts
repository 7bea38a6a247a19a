import { Module } from '@nestjs/common';
import { QueueModule } from '@unfurl/queue';
import { MetricsModule } from '../metrics/metrics.module';
import { HotCache } from './hot-cache';

/** The in-process cache of serialised previews; its reads are answered by installHotReads. */
@Module({
  imports: [QueueModule, MetricsModule],
  providers: [HotCache],
  exports: [HotCache],
})
export class HotCacheModule {}
