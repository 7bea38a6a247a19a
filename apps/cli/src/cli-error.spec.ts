import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { freePort } from '../../../test/support/free-port';
import { describeError } from './cli-error';

// What the user must never read: a Node or OpenSSL error code, or a stack frame.
const RAW = /\b(E[A-Z0-9]{3,}|ERR_[A-Z_]+)\b|\n\s+at /;

function runCli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(__dirname, 'main.js'), ...args], { env: { ...process.env, ...env } }, (error, _stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stderr });
    });
  });
}

async function assertFails(args: string[], env: Record<string, string>, expected: string, exitCode = 1): Promise<void> {
  const { code, stderr } = await runCli(args, env);
  assert.equal(stderr, `unfurl: ${expected}\n`, args.join(' '));
  assert.doesNotMatch(stderr, RAW);
  assert.equal(code, exitCode, args.join(' '));
}

const systemError = (code: string, message = `${code}: raw words`) => Object.assign(new Error(message), { code });
const postgresError = (code: string) => Object.assign(new Error('raw driver words'), { code, severity: 'FATAL' });

describe('describeError', () => {
  it('names file and network failures in plain words', () => {
    assert.equal(describeError(systemError('ENOENT')), 'no such file');
    assert.equal(describeError(systemError('EISDIR')), 'it is a directory');
    assert.equal(describeError(systemError('EACCES')), 'permission denied');
    assert.equal(describeError(systemError('ECONNREFUSED')), 'connection refused');
    assert.equal(describeError(systemError('ENOTFOUND')), 'host not found');
  });

  it('names PostgreSQL failures, with the database or table the caller knows', () => {
    assert.equal(describeError(postgresError('28P01')), 'authentication failed');
    assert.equal(describeError(postgresError('3D000'), { database: 'x' }), 'database "x" does not exist');
    assert.equal(describeError({ driverError: postgresError('42P01') }, { table: 'api_keys' }), 'the api_keys table does not exist; run `unfurl migrate` first');
    assert.equal(describeError(postgresError('22P02')), 'the database reported an error');
  });

  it('looks inside wrapped errors and reads the driver errors that have no code', () => {
    assert.equal(describeError(new AggregateError([systemError('ECONNREFUSED')], 'raw')), 'connection refused');
    assert.equal(describeError(new Error('Connection terminated due to connection timeout', { cause: new Error('timeout expired') })), 'timed out');
    assert.equal(describeError(new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a string')), 'a password is required');
  });

  it('keeps anything else to a generic sentence', () => {
    assert.equal(describeError(systemError('EBUSY')), 'unexpected error');
    assert.equal(describeError(new TypeError("Cannot read properties of undefined (reading 'x')")), 'unexpected error');
    assert.equal(describeError('a string'), 'unexpected error');
  });
});

describe('unfurl failures', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'unfurl-cli-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('says where PostgreSQL refused and why, for every database command', async () => {
    const port = await freePort();
    const env = { DATABASE_URL: `postgres://postgres:secret@127.0.0.1:${port}/x` };
    await assertFails(['keys', 'list'], env, `cannot connect to PostgreSQL at 127.0.0.1:${port}: connection refused`);
    await assertFails(['migrate'], env, `cannot connect to PostgreSQL at 127.0.0.1:${port}: connection refused`);
  });

  it('says when PostgreSQL accepts the connection but never answers', async () => {
    const silent = createServer(() => {}).listen(0, '127.0.0.1');
    await once(silent, 'listening');
    const { port } = silent.address() as AddressInfo;
    try {
      await assertFails(['keys', 'list'], { DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/x` }, `cannot connect to PostgreSQL at 127.0.0.1:${port}: timed out`);
    } finally {
      silent.close();
    }
  });

  it('says when the PostgreSQL host does not resolve', async () => {
    const { code, stderr } = await runCli(['keys', 'list'], { DATABASE_URL: 'postgres://postgres@no-such-host.invalid/x' });
    // Without a resolver the lookup itself fails instead.
    assert.match(stderr, /^unfurl: cannot connect to PostgreSQL at no-such-host\.invalid:5432: (host not found|host name lookup failed)\n$/);
    assert.equal(code, 1);
  });

  it('rejects a DATABASE_URL that is not a postgres:// URL as a usage error', async () => {
    await assertFails(['keys', 'list'], { DATABASE_URL: 'not a url' }, 'DATABASE_URL must be a postgres:// URL', 2);
  });

  it('says why a file cannot be read', async () => {
    const url = ['--url', 'https://example.com/'];
    await assertFails(['extract', ...url, dir], {}, `cannot read ${dir}: it is a directory`);
    await assertFails(['extract', ...url, path.join(dir, 'missing.html')], {}, `cannot read ${path.join(dir, 'missing.html')}: no such file`);
    // root reads any file, so permission denied can only be seen as another user.
    if (process.getuid?.() !== 0) {
      const locked = path.join(dir, 'locked.html');
      await writeFile(locked, '<html></html>');
      await chmod(locked, 0o000);
      await assertFails(['extract', ...url, locked], {}, `cannot read ${locked}: permission denied`);
    }
  });

  it('words bad keys options like the other usage errors', async () => {
    const { code, stderr } = await runCli(['keys', 'list', '--foo'], { DATABASE_URL: 'postgres://127.0.0.1:1/x' });
    assert.match(stderr, /^unfurl: unknown option "--foo"; usage: unfurl keys /);
    assert.equal(code, 2);
    assert.match((await runCli(['keys', 'create', '--name'], {})).stderr, /^unfurl: --name needs a value; usage: /);
    assert.match((await runCli(['keys', 'create', '--name', '--admin'], {})).stderr, /^unfurl: --name needs a value; usage: /);
    assert.match((await runCli(['keys', 'create', '--admin=yes'], {})).stderr, /^unfurl: --admin takes no value; usage: /);
  });
});
