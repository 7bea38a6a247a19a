import { Module } from '@nestjs/common';
import { DatabaseModule } from '@unfurl/database';
import { QueueModule } from '@unfurl/queue';
import { ExtractionModule } from '../extraction/extraction.module';
import { PreviewsModule } from '../previews/previews.module';
import { HealthServer } from './health.server';
import { WorkerMetrics } from './worker-metrics';

/** What operators see: the health probes and Prometheus metrics, on the worker's small HTTP listener. */
@Module({
  imports: [DatabaseModule, QueueModule, ExtractionModule, PreviewsModule],
  providers: [HealthServer, WorkerMetrics],
})
export class OpsModule {}
