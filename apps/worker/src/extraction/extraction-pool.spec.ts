import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ConfigService, Environment } from '@unfurl/config';
import { PreviewErrorCode } from '@unfurl/contracts';
import { ExtractionError, ExtractionPool } from './extraction-pool';

const settings: Partial<Environment> = { EXTRACT_THREADS: 1, EXTRACT_TIMEOUT_MS: 200 };
const config = { get: (key: keyof Environment) => settings[key] } as unknown as ConfigService<Environment, true>;
const patient = { get: (key: keyof Environment) => ({ ...settings, EXTRACT_TIMEOUT_MS: 5_000 })[key] } as unknown as ConfigService<Environment, true>;
const task = (url: string) => ({ body: new TextEncoder().encode('<title>x</title>'), url, contentType: 'text/html' });

describe('ExtractionPool time limit', () => {
  const pool = new ExtractionPool(config, path.join(__dirname, 'testing', 'runaway-task.js'));
  after(() => pool.onApplicationShutdown());

  it('terminates a task that never ends, and the pool goes on extracting', { timeout: 30_000 }, async () => {
    // With one thread, a runaway that kept its thread would hold every later task forever.
    const runaway = pool.extract(task('https://example.com/runaway'));
    const queued = pool.extract(task('https://example.com/after'));
    await assert.rejects(runaway, (error: unknown) => error instanceof ExtractionError && error.code === PreviewErrorCode.ExtractionTimeout);
    assert.equal((await queued).metadata.url, 'https://example.com/after');
    assert.equal((await pool.extract(task('https://example.com/again'))).metadata.url, 'https://example.com/again');
    assert.equal(pool.stats.threads, 1);
  });
});

describe('ExtractionPool and the job deadline', () => {
  let pool: ExtractionPool;
  // Started here, not when the file loads, so its thread does not start while the suite above runs.
  before(() => (pool = new ExtractionPool(patient, path.join(__dirname, 'testing', 'runaway-task.js'))));
  after(() => pool.onApplicationShutdown());

  it('aborts a running task and a task waiting for a thread when their job runs out of time', { timeout: 30_000 }, async () => {
    const running = new AbortController();
    const waiting = new AbortController();
    const runaway = pool.extract(task('https://example.com/runaway'), running.signal);
    const queued = pool.extract(task('https://example.com/after'), waiting.signal);
    waiting.abort();
    await assert.rejects(queued, (error: unknown) => error instanceof ExtractionError && error.code === PreviewErrorCode.ExtractionTimeout);
    assert.equal(pool.stats.queued, 0, 'the aborted task left the wait');
    running.abort();
    await assert.rejects(runaway, (error: unknown) => error instanceof ExtractionError && /ran out of time/.test(error.message));
    assert.equal((await pool.extract(task('https://example.com/again'))).metadata.url, 'https://example.com/again');
  });
});

describe('ExtractionPool hand-over of the body', () => {
  let pool: ExtractionPool;
  before(() => (pool = new ExtractionPool(patient)));
  after(() => pool.onApplicationShutdown());

  const page = (body: Uint8Array, name: string) => pool.extract({ body, url: `https://example.com/${name}`, contentType: 'text/html' });

  it('moves a body that owns its memory to the thread, and copies one that shares memory', { timeout: 30_000 }, async () => {
    // As the fetcher's bodies: Buffer.concat gives a page this size memory of its own (smaller ones may
    // come from Node's pool, whose size is 8 KiB on Node 20 and 64 KiB on Node 24).
    const large = Buffer.concat([Buffer.from('<title>large</title>'), Buffer.alloc(256 * 1024, ' ')]);
    assert.equal((await page(large, 'large')).metadata.title, 'large');
    assert.equal(large.buffer.byteLength, 0, 'moved, not copied');

    const shared = Buffer.alloc(32 * 1024, ' ');
    shared.write('<title>part</title>', 1024);
    assert.equal((await page(shared.subarray(1024, 2048), 'part')).metadata.title, 'part');
    assert.equal(shared.subarray(1024, 1043).toString(), '<title>part</title>', 'the rest of the memory is still there');

    // Small Buffers are slices of Node's pool.
    const small = Buffer.from('<title>small</title>');
    assert.equal((await page(small, 'small')).metadata.title, 'small');
    assert.equal(small.toString(), '<title>small</title>');
  });
});
