import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { AppProcess } from './support/processes';
import { createTestDatabase, testServices } from './support/unfurl-harness';

const run = promisify(execFile);

/** Pids of the processes `pid` started (the cluster's API processes). */
async function childrenOf(pid: number): Promise<number[]> {
  const { stdout } = await run('ps', ['--ppid', String(pid), '-o', 'pid=']).catch(() => ({ stdout: '' }));
  return stdout.split('\n').map((line) => Number(line.trim())).filter((n) => n > 0);
}

async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('API_PROCESSES: several API processes on one port', () => {
  let api: AppProcess;

  before(async () => {
    const services = testServices();
    api = await AppProcess.start('api', { API_PROCESSES: '2', DATABASE_URL: await createTestDatabase(services.databaseUrl), REDIS_URL: services.redisUrl, QUEUE_PREFIX: 'cluster-test' });
  });
  after(async () => {
    await api?.stop('SIGKILL');
  });

  it('runs the configured number of processes and replaces one that dies', async () => {
    const pid = api.child.pid ?? 0;
    const first = await until('two API processes', async () => ((await childrenOf(pid)).length === 2 ? childrenOf(pid) : undefined));
    process.kill(first[0], 'SIGKILL');
    const second = await until('a replacement', async () => {
      const now = await childrenOf(pid);
      return now.length === 2 && !now.includes(first[0]) ? now : undefined;
    });
    assert.ok(second.includes(first[1]));
    // A keep-alive socket to the killed process may still sit in fetch's pool: its request fails, a new one is served.
    const live = await until('an answer after the replacement', async () => {
      const response = await fetch(`${api.baseUrl}/health/live`).catch(() => undefined);
      return response?.status === 200 ? true : undefined;
    });
    assert.ok(live);
  });

  it('stops every process on SIGTERM', async () => {
    const pid = api.child.pid ?? 0;
    const children = await childrenOf(pid);
    const { code } = await api.stop('SIGTERM');
    assert.equal(code, 0);
    for (const child of children) assert.throws(() => process.kill(child, 0), /ESRCH/);
  });
});
