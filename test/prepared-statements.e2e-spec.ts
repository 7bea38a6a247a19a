import { dataSourceOptions, PreviewCallbackEntity, PreviewCallbackRepository, PreviewEntity, PreviewRepository } from '@unfurl/database';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client } from 'pg';
import { DataSource, QueryFailedError } from 'typeorm';
import { PreparedStatements } from '../libs/database/src/prepared-statements';
import { createTestDatabase, testServices } from './support/unfurl-harness';
import { until } from './support/until';

const data = { title: 'Ready' } as never;

interface Repositories {
  dataSource: DataSource;
  previews: PreviewRepository;
  callbacks: PreviewCallbackRepository;
}

/** The repositories as an app builds them, on a pool of one connection so that its session can be inspected. */
async function repositories(url: string): Promise<Repositories> {
  const dataSource = new DataSource(dataSourceOptions(url, 1));
  await dataSource.initialize();
  const statements = new PreparedStatements(dataSource);
  return {
    dataSource,
    previews: new PreviewRepository(dataSource.getRepository(PreviewEntity), statements),
    callbacks: new PreviewCallbackRepository(dataSource.getRepository(PreviewCallbackEntity), statements),
  };
}

const backendPid = async (dataSource: DataSource) => ((await dataSource.query('SELECT pg_backend_pid() AS pid')) as Array<{ pid: number }>)[0].pid;

describe('hot statements, prepared per connection', () => {
  let url: string;
  let worker: Repositories;
  let api: Repositories;
  let admin: Client;
  before(async () => {
    url = await createTestDatabase(testServices().databaseUrl);
    worker = await repositories(url);
    api = await repositories(url);
    admin = new Client({ connectionString: url });
    await admin.connect();
  });
  after(async () => {
    await admin?.end();
    await worker?.dataSource.destroy();
    await api?.dataSource.destroy();
  });

  it('are prepared once on the connection and answer as before', async () => {
    const { previews, dataSource } = worker;
    assert.equal(await previews.findById('prepared-1'), null);
    assert.equal((await previews.createPending('prepared-1', 'https://example.com/1', null))?.status, 'pending');
    assert.equal(await previews.createPending('prepared-1', 'https://example.com/1', null), null);
    // Its first write: no API process can hold a copy of a row that was pending until now.
    assert.deepEqual(await previews.markReady('prepared-1', data, 60), { hasCallbacks: false, wasSettled: false });
    assert.deepEqual((await previews.findById('prepared-1'))?.data, data);
    const prepared = (await dataSource.query('SELECT name FROM pg_prepared_statements ORDER BY name')) as Array<{ name: string }>;
    assert.deepEqual(
      prepared.map((row) => row.name),
      ['previews_insert_pending', 'previews_mark_ready', 'previews_select_by_id'],
    );
  });

  it('throw a failed statement as QueryFailedError with its SQLSTATE, and keep the connection', async () => {
    const { previews, dataSource } = worker;
    await previews.createPending('prepared-2', 'https://example.com/2', null);
    const pid = await backendPid(dataSource);
    // jsonb refuses \u0000: 22P05 untranslatable_character.
    const failed = await previews.markReady('prepared-2', { title: 'a\u0000b' } as never, 60).catch((error: unknown) => error);
    assert.ok(failed instanceof QueryFailedError);
    assert.equal((failed as QueryFailedError & { code?: string }).code, '22P05');
    assert.equal((await previews.findById('prepared-2'))?.status, 'pending');
    assert.equal(await backendPid(dataSource), pid);
  });

  it('are prepared again on a new connection once PostgreSQL ended the old one', async () => {
    const { previews, dataSource } = worker;
    const pid = await backendPid(dataSource);
    await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    const row = await until(() => previews.findById('prepared-1').then((found) => found ?? undefined), 'a read on a new connection');
    assert.equal(row.status, 'ready');
    assert.notEqual(await backendPid(dataSource), pid);
    assert.deepEqual(await previews.markReady('prepared-1', data, 60), { hasCallbacks: false, wasSettled: true });
    assert.deepEqual(await previews.markFailed('prepared-1', 'UPSTREAM_TIMEOUT', 'timed out', 60), { hasCallbacks: false, wasSettled: true });
  });

  /** Until `sessions` sessions run a statement starting with `text` and wait on a lock. */
  const waitingOnLock = (text: string, sessions: number) =>
    until(async () => {
      const { rows } = await admin.query("SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE $1", [`${text}%`]);
      return rows.length >= sessions ? true : undefined;
    }, `"${text}" to wait on the row`);

  /**
   * Runs `first` and then `second` while another session holds the row as an UPDATE would, so both
   * have begun (their snapshots taken) and wait on the row's lock, in that order; then lets them go.
   */
  async function inLockOrder<A, B>(id: string, first: () => Promise<A>, firstText: string, second: () => Promise<B>, secondText: string): Promise<[A, B]> {
    const holder = new Client({ connectionString: url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM previews WHERE id = $1 FOR NO KEY UPDATE', [id]);
      const a = first();
      await waitingOnLock(firstText, 1);
      const b = second();
      await waitingOnLock(secondText, secondText === firstText ? 2 : 1);
      await holder.query('COMMIT');
      return await Promise.all([a, b]);
    } finally {
      await holder.end();
    }
  }

  it('queue a callback recorded just before the worker writes the row once, by the worker', async () => {
    await api.previews.createPending('prepared-3', 'https://example.com/3', null);
    const [callbackId, written] = await inLockOrder(
      'prepared-3',
      () => api.callbacks.add('prepared-3', 'https://hooks.example.com/3'),
      'WITH flagged',
      () => worker.previews.markReady('prepared-3', data, 60),
      'UPDATE previews',
    );
    // The write came second: it sees the flag, so the worker claims; the API's claim saw the row pending.
    assert.ok(callbackId);
    assert.deepEqual(written, { hasCallbacks: true, wasSettled: false });
    assert.deepEqual(await worker.callbacks.claimSettled('prepared-3'), [callbackId]);
    assert.deepEqual(await api.callbacks.claimSettled('prepared-3'), []);
  });

  it('queue a callback recorded just after the worker writes the row once, by the API', async () => {
    await api.previews.createPending('prepared-4', 'https://example.com/4', null);
    const [written, callbackId] = await inLockOrder(
      'prepared-4',
      () => worker.previews.markReady('prepared-4', data, 60),
      'UPDATE previews',
      () => api.callbacks.add('prepared-4', 'https://hooks.example.com/4'),
      'WITH flagged',
    );
    // The write came first and saw no callback, so the worker does not look; the API's claim, after its insert, sees the row ready.
    assert.deepEqual(written, { hasCallbacks: false, wasSettled: false });
    assert.deepEqual(await api.callbacks.claimSettled('prepared-4'), [callbackId]);
    assert.deepEqual(await worker.callbacks.claimSettled('prepared-4'), []);
  });

  it('tell the second of two overlapping first writes of a row that it was settled', async () => {
    // As when Bull runs a stalled job again while its first run still goes: both writes begin before either ends.
    await api.previews.createPending('prepared-5', 'https://example.com/5', null);
    const [first, second] = await inLockOrder(
      'prepared-5',
      () => worker.previews.markReady('prepared-5', data, 60),
      'UPDATE previews',
      () => api.previews.markFailed('prepared-5', 'UPSTREAM_TIMEOUT', 'timed out', 60),
      'UPDATE previews',
    );
    assert.deepEqual([first.wasSettled, second.wasSettled], [false, true]);
  });

  it('record no callback for a preview that is gone', async () => {
    assert.equal(await api.callbacks.add('prepared-gone', 'https://hooks.example.com/gone'), null);
    assert.deepEqual(await worker.previews.markReady('prepared-gone', data, 60), { hasCallbacks: false, wasSettled: false });
  });
});
