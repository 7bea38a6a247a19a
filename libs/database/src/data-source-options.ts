import type { DataSourceOptions } from 'typeorm';
import { migrations } from './migrations';
import { PreviewEntity } from './preview.entity';
import { ApiKeyEntity } from './api-key.entity';
import { PreviewCallbackEntity } from './preview-callback.entity';
import { BatchEntity } from './batch.entity';
import { BatchItemEntity } from './batch-item.entity';
import { PreviewScreenshotEntity } from './preview-screenshot.entity';

/** Every table the migrations create has its entity here. */
export const entities = [PreviewEntity, ApiKeyEntity, PreviewCallbackEntity, BatchEntity, BatchItemEntity, PreviewScreenshotEntity];

/** One definition for the apps, the CLI's migrate command and the tests. Never `synchronize`. */
export function dataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations,
    synchronize: false,
    migrationsRun: false,
    extra: { max: poolSize, connectionTimeoutMillis: 3_000 },
  };
}
