import { PreviewStatus } from '@unfurl/contracts';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { previewRequestAction } from './preview-request-action';

const now = Date.parse('2026-01-01T00:00:00Z');
const row = (status: PreviewStatus, expiresInSeconds: number | null) => ({
  status,
  expiresAt: expiresInSeconds === null ? null : new Date(now + expiresInSeconds * 1_000),
});

describe('what a preview request does with the row it finds', () => {
  it('creates and queues a URL never seen before', () => {
    assert.equal(previewRequestAction(null, now), 'create-and-queue');
  });

  it('serves a ready preview until it expires, then serves it while it is refreshed', () => {
    assert.equal(previewRequestAction(row(PreviewStatus.Ready, 60), now), 'serve');
    assert.equal(previewRequestAction(row(PreviewStatus.Ready, 0), now), 'serve-and-refresh');
    assert.equal(previewRequestAction(row(PreviewStatus.Ready, -3_600), now), 'serve-and-refresh');
  });

  it('serves a failure while it is cached, then tries the URL again', () => {
    assert.equal(previewRequestAction(row(PreviewStatus.Failed, 30), now), 'serve');
    assert.equal(previewRequestAction(row(PreviewStatus.Failed, 0), now), 'retry-failure');
  });

  it('waits on a pending preview, whatever its expiry says', () => {
    assert.equal(previewRequestAction(row(PreviewStatus.Pending, null), now), 'wait');
    assert.equal(previewRequestAction(row(PreviewStatus.Pending, 60), now), 'wait');
  });

  it('never serves a settled row without an expiry as current', () => {
    assert.equal(previewRequestAction(row(PreviewStatus.Ready, null), now), 'serve-and-refresh');
    assert.equal(previewRequestAction(row(PreviewStatus.Failed, null), now), 'retry-failure');
  });

  it('decides by the time it is given, not the clock', () => {
    const ready = row(PreviewStatus.Ready, 60);
    assert.equal(previewRequestAction(ready, now + 59_999), 'serve');
    assert.equal(previewRequestAction(ready, now + 60_000), 'serve-and-refresh');
  });
});
