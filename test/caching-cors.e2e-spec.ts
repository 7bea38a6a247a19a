import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { previewUrl, request } from './support/http';
import { startUnfurl, type Unfurl } from './support/unfurl-harness';
import { Upstream } from './support/upstream';

const page = '<!doctype html><html><head><meta property="og:title" content="Cached"></head><body></body></html>';

describe('HTTP caching and CORS of preview reads', () => {
  let unfurl: Unfurl;
  const upstream = new Upstream();

  before(async () => {
    await upstream.start();
    unfurl = await startUnfurl({ env: { CORS_ORIGINS: 'https://app.example, https://cms.example', CACHE_MAX_AGE_SECONDS: '600' } });
  });
  after(async () => {
    await unfurl?.close();
    await upstream.stop();
  });

  it('marks a pending preview no-store and a ready one public with max-age capped, with an ETag', async () => {
    const url = upstream.page('/cached', page, 200);
    const pending = await request<{ id: string }>(previewUrl(unfurl.baseUrl, url));
    assert.equal(pending.status, 202);
    assert.equal(pending.headers.get('cache-control'), 'no-store');
    const ready = await request<{ id: string }>(previewUrl(unfurl.baseUrl, url, 5000));
    assert.equal(ready.status, 200);
    // max-age counts from the fetch (caches subtract Age): Age + the capped time left.
    assert.equal(ready.headers.get('cache-control'), `public, max-age=${600 + Number(ready.headers.get('age'))}`);
    assert.notEqual(ready.headers.get('etag'), pending.headers.get('etag'), 'the ETag changes with the status');
    const byId = await request(`${unfurl.baseUrl}/v1/previews/${ready.body.id}`);
    assert.equal(byId.headers.get('etag'), ready.headers.get('etag'));
  });

  it('answers 304 without a body to If-None-Match with the current ETag, 200 to a stale one', async () => {
    const ready = await request<{ id: string }>(previewUrl(unfurl.baseUrl, upstream.page('/etag', page), 5000));
    const etag = ready.headers.get('etag') ?? '';
    assert.match(etag, /^"[^"]+"$/);
    const byId = `${unfurl.baseUrl}/v1/previews/${ready.body.id}`;
    const notModified = await fetch(byId, { headers: { 'if-none-match': `"other", W/${etag}` } });
    assert.equal(notModified.status, 304);
    assert.equal(await notModified.text(), '');
    assert.equal(notModified.headers.get('etag'), etag);
    const byUrl = await fetch(previewUrl(unfurl.baseUrl, `${upstream.baseUrl}/etag`), { headers: { 'if-none-match': etag } });
    assert.equal(byUrl.status, 304);
    const changed = await fetch(byId, { headers: { 'if-none-match': '"an-older-version"' } });
    assert.equal(changed.status, 200);
    assert.equal(((await changed.json()) as { id: string }).id, ready.body.id);
  });

  it('allows the configured origins, exposes Location, ETag and the cache headers to them, and no other origin', async () => {
    const url = previewUrl(unfurl.baseUrl, upstream.page('/cors', page));
    const allowed = await fetch(url, { headers: { origin: 'https://cms.example' } });
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://cms.example');
    assert.match(allowed.headers.get('access-control-expose-headers') ?? '', /Location/);
    assert.match(allowed.headers.get('access-control-expose-headers') ?? '', /ETag/);
    assert.match(allowed.headers.get('access-control-expose-headers') ?? '', /Unfurl-Cache/);
    assert.match(allowed.headers.get('access-control-expose-headers') ?? '', /\bAge\b/);
    const preflight = await fetch(url, { method: 'OPTIONS', headers: { origin: 'https://app.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://app.example');
    const other = await fetch(url, { headers: { origin: 'https://evil.example' } });
    assert.equal(other.headers.get('access-control-allow-origin'), null);
  });
});
