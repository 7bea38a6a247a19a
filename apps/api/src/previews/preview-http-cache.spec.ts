import { PreviewStatus } from '@unfurl/contracts';
import type { PreviewEntity } from '@unfurl/database';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { etagMatches, previewAge, previewCacheControl, previewEtag } from './preview-http-cache';

const now = Date.parse('2026-01-01T00:00:00Z');
const row = (status: PreviewStatus, expiresInSeconds: number | null): PreviewEntity =>
  ({ id: 'abc', status, fetchedAt: new Date(now - 1_000), expiresAt: expiresInSeconds === null ? null : new Date(now + expiresInSeconds * 1_000) }) as PreviewEntity;

describe('preview HTTP caching', () => {
  it('never lets a pending preview be stored', () => {
    assert.equal(previewCacheControl(row(PreviewStatus.Pending, null), 3600, now), 'no-store');
  });

  it('keeps a ready or failed preview fresh until it expires, at most the cap, counting from its fetch (Age)', () => {
    // The rows were fetched a second ago: Age 1, so max-age is 1 + what is left.
    assert.equal(previewAge(row(PreviewStatus.Ready, 120), now), 1);
    assert.equal(previewCacheControl(row(PreviewStatus.Ready, 120), 3600, now), 'public, max-age=121');
    assert.equal(previewCacheControl(row(PreviewStatus.Ready, 86_400), 3600, now), 'public, max-age=3601');
    assert.equal(previewCacheControl(row(PreviewStatus.Failed, 300), 3600, now), 'public, max-age=301');
  });

  it('gives a preview not yet fetched Age 0', () => {
    assert.equal(previewAge({ fetchedAt: null }, now), 0);
  });

  it('has a stale preview revalidated', () => {
    assert.equal(previewCacheControl(row(PreviewStatus.Ready, -5), 3600, now), 'no-cache');
  });

  it('changes the ETag with the status and the fetch', () => {
    const ready = row(PreviewStatus.Ready, 60);
    assert.notEqual(previewEtag(ready), previewEtag(row(PreviewStatus.Pending, null)));
    assert.notEqual(previewEtag(ready), previewEtag({ ...ready, fetchedAt: new Date(now) } as PreviewEntity));
    assert.equal(previewEtag(ready), previewEtag({ ...ready } as PreviewEntity));
  });

  it('matches If-None-Match weakly, in a list, and for *', () => {
    assert.equal(etagMatches('"a"', '"a"'), true);
    assert.equal(etagMatches('W/"a"', '"a"'), true);
    assert.equal(etagMatches('"b", "a"', '"a"'), true);
    assert.equal(etagMatches('*', '"a"'), true);
    assert.equal(etagMatches('"b"', '"a"'), false);
    assert.equal(etagMatches(undefined, '"a"'), false);
  });
});
