import { Module } from '@nestjs/common';
import { UnfurlConfigModule, UnfurlLoggerModule } from '@unfurl/config';
import { HealthModule } from './health/health.module';
import { PreviewsModule } from './previews/previews.module';

@Module({
  imports: [UnfurlConfigModule, UnfurlLoggerModule, PreviewsModule, HealthModule],
})
export class AppModule {}
