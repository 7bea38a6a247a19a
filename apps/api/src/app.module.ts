import { Module } from '@nestjs/common';
import { UnfurlConfigModule, UnfurlLoggerModule } from '@unfurl/config';
import { AuthModule } from './auth/auth.module';
import { BatchesModule } from './batches/batches.module';
import { HealthModule } from './health/health.module';
import { PlaygroundModule } from './playground/playground.module';
import { MetricsModule } from './metrics/metrics.module';
import { PreviewsModule } from './previews/previews.module';
import { QueueDashboardModule } from './queue-dashboard/queue-dashboard.module';

@Module({
  imports: [UnfurlConfigModule, UnfurlLoggerModule, AuthModule, PreviewsModule, BatchesModule, HealthModule, PlaygroundModule, MetricsModule, QueueDashboardModule],
})
export class AppModule {}
