import type { INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { createWorkerApp } from '../../apps/worker/src/create-worker-app';
import { dataSourceOptions } from '@unfurl/database';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

/** The services `npm test` started (scripts/test.mjs), or ones given by hand. */
export function testServices(): { databaseUrl: string; redisUrl: string } {
  const databaseUrl = process.env.TEST_DATABASE_URL;
  const redisUrl = process.env.TEST_REDIS_URL;
  if (!databaseUrl || !redisUrl) throw new Error('TEST_DATABASE_URL and TEST_REDIS_URL are not set: run the e2e specs through `npm test`');
  return { databaseUrl, redisUrl };
}

/** A new, migrated database on the test server, so each spec file starts empty. */
export async function createTestDatabase(serverUrl: string): Promise<string> {
  const name = `unfurl_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const dataSource = new DataSource(dataSourceOptions(url.toString(), 1));
  await dataSource.initialize();
  await dataSource.runMigrations();
  await dataSource.destroy();
  return url.toString();
}

export interface Unfurl {
  api: NestFastifyApplication;
  worker?: INestApplicationContext;
  baseUrl: string;
  databaseUrl: string;
  close(): Promise<void>;
}

/**
 * Boots the real API (listening on a free port) and, unless `worker: false`, the real worker,
 * against a fresh database and a Redis key prefix of their own.
 */
export async function startUnfurl(options: { env?: Record<string, string>; worker?: boolean } = {}): Promise<Unfurl> {
  const services = testServices();
  const databaseUrl = await createTestDatabase(services.databaseUrl);
  Object.assign(process.env, {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: databaseUrl,
    REDIS_URL: services.redisUrl,
    QUEUE_PREFIX: `test-${randomBytes(4).toString('hex')}`,
    PORT: '0',
    HOST: '127.0.0.1',
    WORKER_HEALTH_PORT: '0',
    FETCH_ALLOW_PRIVATE_ADDRESSES: 'true',
    EXTRACT_THREADS: '2',
    // API and worker share one event loop here (in production they are separate processes), so on a
    // busy machine shedding would answer 503 where no real deployment would; the shedding spec sets its own.
    LOAD_SHED_EVENT_LOOP_DELAY_MS: '10000',
    ...options.env,
  });
  const api = await createApiApp();
  await api.listen(0, '127.0.0.1');
  const worker = options.worker === false ? undefined : await createWorkerApp();
  return {
    api,
    worker,
    baseUrl: await api.getUrl(),
    databaseUrl,
    close: async () => {
      await worker?.close();
      await api.close();
    },
  };
}
