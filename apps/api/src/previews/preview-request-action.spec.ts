import { PreviewStatus } from '@unfurl/contracts';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PreviewCacheStatus } from './preview-cache-status';
import { previewRequestAction, type PreviewRequestOptions } from './preview-request-action';

const now = Date.parse('2026-01-01T00:00:00Z');
const row = (status: PreviewStatus, expiresInSeconds: number | null, fetchedSecondsAgo: number | null = 600) => ({
  status,
  expiresAt: expiresInSeconds === null ? null : new Date(now + expiresInSeconds * 1_000),
  fetchedAt: fetchedSecondsAgo === null ? null : new Date(now - fetchedSecondsAgo * 1_000),
});
const decide = (found: ReturnType<typeof row> | null, options: Partial<PreviewRequestOptions> = {}, at = now) =>
  previewRequestAction(found, at, { forceMinIntervalSeconds: 60, ...options });
const action = (found: ReturnType<typeof row> | null, options: Partial<PreviewRequestOptions> = {}, at = now) => decide(found, options, at).action;

describe('what a preview request does with the row it finds', () => {
  it('creates and queues a URL never seen before', () => {
    assert.equal(action(null), 'create-and-queue');
    assert.equal(decide(null).cache, PreviewCacheStatus.Miss);
  });

  it('serves a ready preview until it expires, then serves it while it is refreshed', () => {
    assert.equal(action(row(PreviewStatus.Ready, 60)), 'serve');
    assert.equal(action(row(PreviewStatus.Ready, 0)), 'serve-and-refresh');
    assert.equal(action(row(PreviewStatus.Ready, -3_600)), 'serve-and-refresh');
    assert.equal(decide(row(PreviewStatus.Ready, 60)).cache, PreviewCacheStatus.Hit);
    assert.equal(decide(row(PreviewStatus.Ready, 0)).cache, PreviewCacheStatus.Stale);
  });

  it('serves an expired preview while it is refreshed even to a caller who waits, unless it asked for a maxAge', () => {
    assert.equal(action(row(PreviewStatus.Ready, -10), { waits: true }), 'serve-and-refresh');
  });

  it('serves a failure while it is cached, then tries the URL again', () => {
    assert.equal(action(row(PreviewStatus.Failed, 30)), 'serve');
    assert.equal(action(row(PreviewStatus.Failed, 0)), 'retry-failure');
    assert.equal(decide(row(PreviewStatus.Failed, 0)).cache, PreviewCacheStatus.Miss);
  });

  it('waits on a pending preview, whatever its expiry or the caller asks', () => {
    assert.equal(action(row(PreviewStatus.Pending, null, null)), 'wait');
    assert.equal(action(row(PreviewStatus.Pending, 60)), 'wait');
    assert.equal(action(row(PreviewStatus.Pending, null, null), { force: true, waits: true }), 'wait');
    assert.equal(action(row(PreviewStatus.Pending, null, null), { maxAgeSeconds: 0, waits: true }), 'wait');
  });

  it('never serves a settled row without an expiry as current', () => {
    assert.equal(action(row(PreviewStatus.Ready, null)), 'serve-and-refresh');
    assert.equal(action(row(PreviewStatus.Failed, null)), 'retry-failure');
  });

  it('decides by the time it is given, not the clock', () => {
    const ready = row(PreviewStatus.Ready, 60);
    assert.equal(action(ready, {}, now + 59_999), 'serve');
    assert.equal(action(ready, {}, now + 60_000), 'serve-and-refresh');
  });
});

describe('maxAge', () => {
  it('refreshes a fresh preview fetched longer ago than maxAge: before answering a caller who waits, behind one who does not', () => {
    const tenMinutesOld = row(PreviewStatus.Ready, 3_600, 600);
    assert.deepEqual(decide(tenMinutesOld, { maxAgeSeconds: 300, waits: true }), { action: 'refresh-and-wait', cache: PreviewCacheStatus.Refresh, olderThanSeconds: 300, forceRefused: false });
    assert.deepEqual(decide(tenMinutesOld, { maxAgeSeconds: 300 }), { action: 'serve-and-refresh', cache: PreviewCacheStatus.Stale, olderThanSeconds: 300, forceRefused: false });
  });

  it('serves a preview younger than maxAge as usual', () => {
    assert.equal(action(row(PreviewStatus.Ready, 3_600, 600), { maxAgeSeconds: 900, waits: true }), 'serve');
    assert.equal(action(row(PreviewStatus.Ready, 3_600, 600), { maxAgeSeconds: 600, waits: true }), 'serve');
  });

  it('refreshes a cached failure older than maxAge too, and retries an expired one as always', () => {
    assert.equal(action(row(PreviewStatus.Failed, 60, 240), { maxAgeSeconds: 120, waits: true }), 'refresh-and-wait');
    assert.equal(action(row(PreviewStatus.Failed, -1, 240), { maxAgeSeconds: 120, waits: true }), 'retry-failure');
  });
});

describe('force', () => {
  it('fetches a fresh preview again: before answering a caller who waits (BYPASS), behind one who does not (STALE)', () => {
    const fresh = row(PreviewStatus.Ready, 3_600, 600);
    assert.deepEqual(decide(fresh, { force: true, waits: true }), { action: 'refresh-and-wait', cache: PreviewCacheStatus.Bypass, olderThanSeconds: 60, forceRefused: false });
    assert.deepEqual(decide(fresh, { force: true }), { action: 'serve-and-refresh', cache: PreviewCacheStatus.Stale, olderThanSeconds: 60, forceRefused: false });
  });

  it('is refused within FORCE_MIN_INTERVAL_SECONDS of the last fetch: the stored preview is served and the answer says so', () => {
    const justFetched = row(PreviewStatus.Ready, 3_600, 59);
    assert.deepEqual(decide(justFetched, { force: true, waits: true }), { action: 'serve', cache: PreviewCacheStatus.Hit, forceRefused: true });
    assert.equal(action(row(PreviewStatus.Ready, 3_600, 60), { force: true, waits: true }), 'refresh-and-wait');
  });

  it('still lets an expired or too old preview follow its own course when refused', () => {
    assert.deepEqual(decide(row(PreviewStatus.Ready, -1, 10), { force: true }), { action: 'serve-and-refresh', cache: PreviewCacheStatus.Stale, forceRefused: true });
    assert.equal(decide(row(PreviewStatus.Ready, 3_600, 30), { force: true, maxAgeSeconds: 10, waits: true }).action, 'refresh-and-wait');
    assert.equal(decide(row(PreviewStatus.Failed, -1, 10), { force: true }).action, 'retry-failure');
  });

  it('refreshes a cached failure in place', () => {
    assert.equal(action(row(PreviewStatus.Failed, 200, 100), { force: true, waits: true }), 'refresh-and-wait');
  });

  it('always fetches with a zero interval', () => {
    assert.equal(action(row(PreviewStatus.Ready, 3_600, 0), { force: true, forceMinIntervalSeconds: 0 }), 'serve-and-refresh');
  });
});
