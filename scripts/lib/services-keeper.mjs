// The PostgreSQL and Redis of `npm start`, kept by this process in a process group of its own
// (start.mjs forks it detached). A Ctrl-C in the terminal signals the whole foreground group: the
// apps then drain their jobs in flight, and need the stores for it. Out of that group, the stores
// are stopped by start.mjs once the apps have exited ('stop'), or by this process when start.mjs
// is gone (its channel closes). Answers start.mjs with { env } (REDIS_URL, DATABASE_URL) or
// { failed } (why a store did not start).
import path from 'node:path';
import { canConnect, findRedisServer, freePort, startEmbeddedPostgres, startRedis } from './services.mjs';

const dataDir = process.argv[2];
const say = (line) => process.stdout.write(`[unfurl] ${line}\n`);
const stops = [];

async function redisUrl() {
  if (process.env.REDIS_URL) return process.env.REDIS_URL;
  if (await canConnect(6379)) return 'redis://127.0.0.1:6379';
  const binary = await findRedisServer();
  if (!binary) {
    throw new Error('no Redis at 127.0.0.1:6379 and no redis-server installed: install it (apt-get install -y redis-server, or brew install redis) or set REDIS_URL');
  }
  const redis = await startRedis({ port: await freePort(), dir: path.join(dataDir, 'redis'), binary });
  stops.push(redis.stop);
  say(`started redis-server on ${redis.url} (data in ${path.join(dataDir, 'redis')})`);
  return redis.url;
}

async function databaseUrl() {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const preferred = Number(process.env.EMBEDDED_POSTGRES_PORT ?? 54320);
  const port = (await canConnect(preferred)) ? await freePort() : preferred;
  const pg = await startEmbeddedPostgres({ port, dir: path.join(dataDir, 'postgres') });
  stops.push(pg.stop);
  say(`started embedded PostgreSQL on port ${pg.port} (data in ${path.join(dataDir, 'postgres')})`);
  return pg.url;
}

const starting = (async () => ({ REDIS_URL: await redisUrl(), DATABASE_URL: await databaseUrl() }))();
let stopping;
// A stop asked for while a store is still starting waits for it, so that none is left behind.
const stop = () =>
  (stopping ??= (async () => {
    await starting.catch(() => {});
    for (const stopOne of stops.toReversed()) await stopOne().catch(() => {});
    process.exit(0);
  })());

process.on('message', (message) => {
  if (message === 'stop') void stop();
});
process.on('disconnect', () => void stop());

starting.then(
  (env) => process.send?.({ env }),
  (error) => {
    process.send?.({ failed: error instanceof Error ? error.message : String(error) });
    void stop();
  },
);
