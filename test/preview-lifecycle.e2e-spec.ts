import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { freePort } from './support/free-port';
import { previewUrl, request } from './support/http';
import { startUnfurl, type Unfurl } from './support/unfurl-harness';
import { Upstream } from './support/upstream';

interface PreviewBody {
  id: string;
  status: string;
  data: { title: string } | null;
  error: { code: string } | null;
}

const page = (title: string) => `<html><head><title>${title}</title></head><body></body></html>`;

describe('private addresses', () => {
  let unfurl: Unfurl;
  const upstream = new Upstream();
  before(async () => {
    await upstream.start();
    unfurl = await startUnfurl({ env: { FETCH_ALLOW_PRIVATE_ADDRESSES: 'false' } });
  });
  after(async () => {
    await unfurl?.close();
    await upstream.stop();
  });

  it('refuses to fetch a loopback address by default, without connecting to it', async () => {
    const url = upstream.page('/internal', page('secret'));
    const answer = await request<PreviewBody>(previewUrl(unfurl.baseUrl, url, 5000));
    assert.equal(answer.status, 200);
    assert.equal(answer.body.status, 'failed');
    assert.equal(answer.body.error?.code, 'BLOCKED_ADDRESS');
    assert.equal(upstream.hitCount('/internal'), 0);
  });
});

describe('stale previews', () => {
  let unfurl: Unfurl;
  const upstream = new Upstream();
  before(async () => {
    await upstream.start();
    unfurl = await startUnfurl({ env: { PREVIEW_TTL_SECONDS: '1' } });
  });
  after(async () => {
    await unfurl?.close();
    await upstream.stop();
  });

  it('serves a stale preview at once and refreshes it in the background', async () => {
    const url = upstream.page('/news', page('First edition'));
    const first = await request<PreviewBody>(previewUrl(unfurl.baseUrl, url, 5000));
    assert.equal(first.body.data?.title, 'First edition');
    upstream.page('/news', page('Second edition'));
    await sleep(1_100);
    const stale = await request<PreviewBody>(previewUrl(unfurl.baseUrl, url));
    assert.equal(stale.status, 200);
    assert.equal(stale.body.data?.title, 'First edition');
    let refreshed = stale;
    for (let i = 0; i < 50 && refreshed.body.data?.title !== 'Second edition'; i++) {
      await sleep(100);
      refreshed = await request<PreviewBody>(`${unfurl.baseUrl}/v1/previews/${first.body.id}`);
    }
    assert.equal(refreshed.body.data?.title, 'Second edition');
    assert.equal(upstream.hitCount('/news'), 2);
  });
});

describe('without Redis', () => {
  let unfurl: Unfurl;
  before(async () => {
    unfurl = await startUnfurl({ worker: false, env: { REDIS_URL: `redis://127.0.0.1:${await freePort()}`, RETRY_AFTER_SECONDS: '3' } });
  });
  after(async () => unfurl?.close());

  it('answers a new URL with 503 problem+json and Retry-After instead of hanging', async () => {
    const answer = await request(previewUrl(unfurl.baseUrl, 'https://example.com/new', 5000));
    assert.equal(answer.status, 503);
    assert.equal(answer.body.code, 'QUEUE_UNAVAILABLE');
    assert.equal(answer.headers.get('retry-after'), '3');
  });

  it('reports itself not ready, saying which store is down and nothing about why', async () => {
    const answer = await request(`${unfurl.baseUrl}/health/ready`);
    assert.equal(answer.status, 503);
    assert.equal(answer.body.code, 'NOT_READY');
    assert.deepEqual(answer.body.details, { database: { status: 'up' }, redis: { status: 'down' } });
    // Redis's address, an error code or a driver's message would be internal detail.
    assert.doesNotMatch(JSON.stringify(answer.body), /message|127\.0\.0\.1|ECONN|within/i);
  });
});
