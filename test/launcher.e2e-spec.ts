import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile, chmod } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
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

describe('the launcher and its services say why they did not start', () => {
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
