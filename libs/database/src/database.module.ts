import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConfigService, type Environment } from '@unfurl/config';
import { dataSourceOptions, entities } from './data-source-options';
import { PreviewRepository } from './preview.repository';
import { ApiKeyRepository } from './api-key.repository';
import { PreviewCallbackRepository } from './preview-callback.repository';
import { BatchRepository } from './batch.repository';
import { PreviewScreenshotRepository } from './preview-screenshot.repository';
import { PreparedStatements } from './prepared-statements';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) => ({
        ...dataSourceOptions(config.get('DATABASE_URL', { infer: true })),
        // Keep retrying at boot so the apps can start before PostgreSQL does.
        retryAttempts: 30,
        retryDelay: 1_000,
      }),
    }),
    TypeOrmModule.forFeature(entities),
  ],
  providers: [PreparedStatements, PreviewRepository, ApiKeyRepository, PreviewCallbackRepository, BatchRepository, PreviewScreenshotRepository],
  exports: [PreviewRepository, ApiKeyRepository, PreviewCallbackRepository, BatchRepository, PreviewScreenshotRepository, TypeOrmModule],
})
export class DatabaseModule {}
