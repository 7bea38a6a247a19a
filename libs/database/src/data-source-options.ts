import type { DataSourceOptions } from 'typeorm';
import { migrations } from './migrations';
import { PreviewEntity } from './preview.entity';
import { ApiKeyEntity } from './api-key.entity';
import { PreviewCallbackEntity } from './preview-callback.entity';

export const entities = [PreviewEntity, ApiKeyEntity, PreviewCallbackEntity];

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
