import { dataSourceOptions } from '@unfurl/database';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { createTestDatabase, testServices } from './support/unfurl-harness';

describe('database schema', () => {
  it('is what the entities describe: the migrations leave nothing for TypeORM to change', async () => {
    const dataSource = new DataSource(dataSourceOptions(await createTestDatabase(testServices().databaseUrl), 1));
    await dataSource.initialize();
    try {
      const { upQueries } = await dataSource.driver.createSchemaBuilder().log();
      assert.deepEqual(upQueries.map((query) => query.query), []);
    } finally {
      await dataSource.destroy();
    }
  });
});
