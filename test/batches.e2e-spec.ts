import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { normalizeUrl, previewId } from '@unfurl/contracts';
import { postJson, previewUrl, request } from './support/http';
import { startUnfurl, type Unfurl } from './support/unfurl-harness';
import { Upstream } from './support/upstream';

const page = (title: string) => `<!doctype html><html><head><meta property="og:title" content="${title}"></head><body></body></html>`;

interface Batch {
  id: string;
  createdAt: string;
  total: number;
  pending: number;
  ready: number;
  failed: number;
  items: Array<{ position: number; url: string; preview: { id: string; status: string; data: { title: string } | null; error: { code: string } | null } | null }>;
}

describe('batches API', () => {
  let unfurl: Unfurl;
  const upstream = new Upstream();

  before(async () => {
    await upstream.start();
    unfurl = await startUnfurl({ env: { BATCH_MAX_URLS: '5' } });
  });
  after(async () => {
    await unfurl?.close();
    await upstream.stop();
  });

  /** Follows a batch's Location until nothing in it is pending, as a client would poll it. */
  async function settled(location: string): Promise<Batch> {
    for (;;) {
      const answer = await request<Batch>(`${unfurl.baseUrl}${location}`);
      assert.equal(answer.status, 200);
      if (answer.body.pending === 0) return answer.body;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('accepts a batch with 202 and one preview per URL in order, then reports its progress until all are done', async () => {
    const urls = [upstream.page('/one', page('One')), `${upstream.baseUrl}/missing`, upstream.page('/two', page('Two'))];
    const created = await postJson<Batch>(`${unfurl.baseUrl}/v1/batches`, { urls });
    assert.equal(created.status, 202, JSON.stringify(created.body));
    assert.equal(created.headers.get('location'), `/v1/batches/${created.body.id}`);
    assert.match(created.body.id, /^[0-9a-f-]{36}$/);
    assert.equal(created.body.total, 3);
    assert.deepEqual(created.body.items.map((item) => item.url), urls);
    assert.equal(created.body.pending + created.body.ready + created.body.failed, 3);
    const done = await settled(created.headers.get('location') ?? '');
    assert.deepEqual([done.total, done.pending, done.ready, done.failed], [3, 0, 2, 1]);
    assert.deepEqual(done.items.map((item) => item.position), [0, 1, 2]);
    assert.equal(done.items[0].preview?.data?.title, 'One');
    assert.equal(done.items[1].preview?.error?.code, 'UPSTREAM_HTTP_404');
    assert.equal(done.items[2].preview?.data?.title, 'Two');
    // Each item is the very preview a single request for its URL gets.
    const single = await request<{ id: string }>(previewUrl(unfurl.baseUrl, urls[2]));
    assert.equal(done.items[2].preview?.id, single.body.id);
  });

  it('gives repeated spellings of one URL the same preview and fetches it once', async () => {
    const url = upstream.page('/repeated', page('Repeated'));
    const created = await postJson<Batch>(`${unfurl.baseUrl}/v1/batches`, { urls: [url, url.replace('http://', 'HTTP://'), `${url}#top`] });
    assert.equal(created.status, 202);
    assert.equal(new Set(created.body.items.map((item) => item.preview?.id)).size, 1);
    const done = await settled(`/v1/batches/${created.body.id}`);
    assert.equal(done.ready, 3);
    assert.equal(upstream.hitCount('/repeated'), 1);
  });

  it('refuses a batch with invalid URLs as a whole, naming each bad index, and queues nothing', async () => {
    const good = upstream.page('/never-fetched', page('Never'));
    const answer = await postJson<{ code: string; errors: Array<{ index: number; code: string }> }>(`${unfurl.baseUrl}/v1/batches`, {
      urls: [good, 'ftp://example.com/file', 'not a url', good],
    });
    assert.equal(answer.status, 400);
    assert.match(answer.headers.get('content-type') ?? '', /^application\/problem\+json/);
    assert.equal(answer.body.code, 'INVALID_BATCH');
    assert.deepEqual(answer.body.errors.map((e) => [e.index, e.code]), [
      [1, 'URL_SCHEME_NOT_ALLOWED'],
      [2, 'INVALID_URL'],
    ]);
    const byId = await request(`${unfurl.baseUrl}/v1/previews/${previewId(normalizeUrl(good))}`);
    assert.equal(byId.status, 404, 'the valid URL of a refused batch is not recorded');
    assert.equal(upstream.hitCount('/never-fetched'), 0);
  });

  const badBatches: Array<[string, unknown, string]> = [
    ['more URLs than BATCH_MAX_URLS', { urls: Array.from({ length: 6 }, (_, i) => `https://example.com/${i}`) }, 'BATCH_TOO_LARGE'],
    ['an empty list', { urls: [] }, 'VALIDATION_FAILED'],
    ['urls that are not strings', { urls: [42] }, 'VALIDATION_FAILED'],
    ['no urls at all', {}, 'VALIDATION_FAILED'],
  ];
  for (const [what, body, code] of badBatches) {
    it(`answers ${what} with a 400 problem ${code}`, async () => {
      const answer = await postJson(`${unfurl.baseUrl}/v1/batches`, body);
      assert.equal(answer.status, 400);
      assert.equal(answer.body.code, code);
    });
  }

  it('answers an unknown or malformed batch id with a 404 problem', async () => {
    for (const id of ['9b2f5c1e-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const answer = await request(`${unfurl.baseUrl}/v1/batches/${id}`);
      assert.equal(answer.status, 404);
      assert.equal(answer.body.code, 'BATCH_NOT_FOUND');
    }
  });
});
