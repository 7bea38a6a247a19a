import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile, chmod } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { services } from './support/processes';
import { testServices } from './support/unfurl-harness';

const root = path.resolve(__dirname, '../..');

/** Holds `port` on 127.0.0.1 so that a server started on it finds it taken. */
async function occupy(port: number): Promise<net.Server> {
  const server = net.createServer((socket) => socket.destroy());
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');
  return server;
}

/** A data folder whose PG_VERSION names a release no server of today can open. */
async function unusableDataDir(dir: string): Promise<string> {
  const pgDir = path.join(dir, 'postgres');
  await mkdir(pgDir, { recursive: true });
  await writeFile(path.join(pgDir, 'PG_VERSION'), '9\n');
  await chmod(dir, 0o777);
  await chmod(pgDir, 0o777);
  return pgDir;
}

describe('the launcher and its services', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'unfurl-launcher-'));
    await chmod(dir, 0o755);
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('npm start reports PostgreSQL\'s own reason and exits non-zero', async () => {
    const data = path.join(dir, 'start');
    await unusableDataDir(data);
    const child = spawn(process.execPath, [path.join(root, 'scripts', 'start.mjs')], {
      env: { ...process.env, UNFURL_DATA_DIR: data, REDIS_URL: testServices().redisUrl, DATABASE_URL: '', EMBEDDED_POSTGRES_PORT: String(await (await services()).freePort()) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.stdout.resume();
    const [code] = await once(child, 'exit');
    assert.equal(code, 1);
    const last = stderr.trim().split('\n').at(-1) ?? '';
    assert.match(last, /^\[unfurl\] PostgreSQL did not start on port \d+ \(data in .+\): postgres: .*could not/);
    assert.doesNotMatch(stderr, /undefined/);
  });

  it('a Ctrl-C lets npm start\'s jobs in flight finish before PostgreSQL stops', { timeout: 300_000 }, async () => {
    const lib = await services();
    // An upstream that answers each page a while after it is asked, so the Ctrl-C comes mid-job.
    const upstream = http.createServer((_request, response) => {
      setTimeout(() => response.writeHead(200, { 'content-type': 'text/html' }).end('<html><head><title>Asked before the Ctrl-C</title></head></html>'), 1_500);
    });
    upstream.listen(0, '127.0.0.1');
    await once(upstream, 'listening');
    const upstreamPort = (upstream.address() as net.AddressInfo).port;
    const data = path.join(dir, 'ctrl-c');
    const [apiPort, pgPort] = [await lib.freePort(), await lib.freePort()];
    // Its own process group, as a terminal's foreground job: the Ctrl-C below signals all of it.
    const child = spawn(process.execPath, [path.join(root, 'scripts', 'start.mjs')], {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        UNFURL_DATA_DIR: data,
        REDIS_URL: testServices().redisUrl,
        QUEUE_PREFIX: 'launcher-ctrl-c',
        DATABASE_URL: '',
        EMBEDDED_POSTGRES_PORT: String(pgPort),
        PORT: String(apiPort),
        WORKER_HEALTH_PORT: String(await lib.freePort()),
        RENDER_ENABLED: 'false',
        FETCH_ALLOW_PRIVATE_ADDRESSES: 'true',
        FETCH_ALLOWED_PORTS: String(upstreamPort),
      },
    });
    let output = '';
    const keep = (chunk: Buffer) => (output += chunk.toString('utf8'));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const exited = once(child, 'exit');
    try {
      const api = `http://127.0.0.1:${apiPort}`;
      // Long enough for a first `nest build` of the apps.
      for (let i = 0; i < 2_400 && !(await fetch(`${api}/health/ready`).then((r) => r.ok, () => false)); i++) await sleep(100);
      const asked = once(upstream, 'request', { signal: AbortSignal.timeout(5_000) });
      const response = await fetch(`${api}/v1/previews?url=${encodeURIComponent(`http://127.0.0.1:${upstreamPort}/page`)}`);
      assert.equal(response.status, 202, output.slice(-2_000));
      await asked;
      process.kill(-child.pid!, 'SIGINT');
      const [code] = await exited;
      assert.equal(code, 0, output.slice(-2_000));
      assert.equal(await lib.canConnect(pgPort), false, 'PostgreSQL stopped with the rest');
    } finally {
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
      upstream.close();
    }
    // The job that was in flight wrote its card before PostgreSQL stopped.
    const pg = await lib.startEmbeddedPostgres({ port: pgPort, dir: path.join(data, 'postgres') });
    try {
      const client = new Client({ connectionString: pg.url });
      await client.connect();
      const { rows } = await client.query<{ status: string; title: string }>(`SELECT status, data->>'title' AS title FROM previews`);
      await client.end();
      assert.deepEqual(rows, [{ status: 'ready', title: 'Asked before the Ctrl-C' }]);
    } finally {
      await pg.stop();
    }
  });

  it('embedded PostgreSQL run by root says in one line which folder user postgres cannot enter', async (t) => {
    if (process.getuid?.() !== 0) return t.skip('not run as root');
    const lib = await services();
    // As a clone under /root (mode 700) is for the user PostgreSQL runs as.
    const closed = path.join(dir, 'closed');
    await mkdir(closed, { mode: 0o700 });
    await assert.rejects(lib.startEmbeddedPostgres({ port: await lib.freePort(), dir: path.join(closed, 'postgres') }), (error: Error) => {
      assert.match(error.message, new RegExp(`^PostgreSQL did not start on port \\d+ \\(data in .+\\): run by root, it runs as user postgres, which may not enter ${closed}: `));
      assert.doesNotMatch(error.message, /\n/);
      return true;
    });
  });

  it('embedded PostgreSQL moves to a free port once when its port was taken meanwhile', async () => {
    const lib = await services();
    const port = await lib.freePort();
    const squatter = await occupy(port);
    try {
      const pg = await lib.startEmbeddedPostgres({ port, dir: path.join(dir, 'pg'), persistent: false });
      try {
        assert.notEqual(pg.port, port);
        assert.match(pg.url, new RegExp(`:${pg.port}/`));
      } finally {
        await pg.stop();
      }
    } finally {
      squatter.close();
    }
  });

  it('redis-server moves to a free port once, or with a fixed port says the port is taken', async () => {
    const lib = await services();
    const binary = (await lib.findRedisServer()) ?? 'redis-server';
    const port = await lib.freePort();
    const squatter = await occupy(port);
    try {
      const redis = await lib.startRedis({ port, dir: path.join(dir, 'redis'), binary });
      assert.notEqual(redis.port, port);
      await redis.stop();
      await assert.rejects(lib.startRedis({ port, dir: path.join(dir, 'redis'), binary, fixedPort: true }), /did not start on port \d+: .*Address already in use/i);
    } finally {
      squatter.close();
    }
  });
});
