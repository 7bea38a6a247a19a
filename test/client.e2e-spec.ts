import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createUnfurlClient, type Problem, type UnfurlClient } from '@unfurl/client';
import { startUnfurl, type Unfurl } from './support/unfurl-harness';
import { Upstream } from './support/upstream';

const page = (title: string) => `<!doctype html><html><head><meta property="og:title" content="${title}"><meta property="og:site_name" content="Client Site"></head><body></body></html>`;

describe('typed client (@unfurl/client) against the running API', () => {
  let unfurl: Unfurl;
  let client: UnfurlClient;
  const upstream = new Upstream();

  before(async () => {
    await upstream.start();
    unfurl = await startUnfurl();
    client = createUnfurlClient(`${unfurl.baseUrl}/`);
  });
  after(async () => {
    await unfurl?.close();
    await upstream.stop();
  });

  it('gets a ready preview with typed data', async () => {
    const { data, response } = await client.GET('/v1/previews', { params: { query: { url: upstream.page('/typed', page('Typed')), wait: 5000 } } });
    assert.equal(response.status, 200);
    assert.equal(data?.status, 'ready');
    assert.equal(data?.data?.title, 'Typed');
    assert.equal(data?.data?.siteName, 'Client Site');
  });

  it('creates a preview by POST, then reads it by id', async () => {
    const created = await client.POST('/v1/previews', { body: { url: upstream.page('/posted', page('Posted')), wait: 5000 } });
    assert.equal(created.response.status, 200);
    const id = created.data?.id ?? '';
    const byId = await client.GET('/v1/previews/{id}', { params: { path: { id } } });
    assert.equal(byId.data?.data?.title, 'Posted');
  });

  it('creates a batch and follows it to the end', async () => {
    const urls = [upstream.page('/b1', page('B1')), upstream.page('/b2', page('B2'))];
    const created = await client.POST('/v1/batches', { body: { urls } });
    assert.equal(created.response.status, 202);
    const id = created.data?.id ?? '';
    for (;;) {
      const { data } = await client.GET('/v1/batches/{id}', { params: { path: { id } } });
      assert.equal(data?.total, 2);
      if (data?.pending === 0) {
        assert.deepEqual(data.items.map((item) => item.preview?.data?.title), ['B1', 'B2']);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });

  it('returns the problem of a refused request as its error', async () => {
    const { data, error, response } = await client.GET('/v1/previews', { params: { query: { url: 'ftp://example.com/' } } });
    assert.equal(response.status, 400);
    assert.equal(data, undefined);
    // Typed as the Problem schema: no cast.
    const problem: Problem | undefined = error;
    assert.equal(problem?.code, 'URL_SCHEME_NOT_ALLOWED');
    assert.equal(problem?.status, 400);
  });

  it('passes force, maxAge and lang, and reads the cache status', async () => {
    const url = upstream.page('/controls', page('Controls'));
    const first = await client.GET('/v1/previews', { params: { query: { url, wait: 5000, lang: 'de', maxAge: 3600 } } });
    assert.equal(first.response.headers.get('unfurl-cache'), 'MISS');
    const again = await client.POST('/v1/previews', { body: { url, lang: 'de', force: false, maxAge: 3600 } });
    assert.equal(again.response.headers.get('unfurl-cache'), 'HIT');
    assert.equal(again.data?.id, first.data?.id);
  });

  it('sends the API key as a Bearer token', async () => {
    const seen: Array<string | null> = [];
    const keyed = createUnfurlClient(unfurl.baseUrl, {
      apiKey: 'unf_example',
      fetch: (input, init) => {
        seen.push(new Request(input, init).headers.get('authorization'));
        return fetch(input, init);
      },
    });
    const { response } = await keyed.GET('/v1/previews/{id}', { params: { path: { id: 'unknown' } } });
    assert.deepEqual(seen, ['Bearer unf_example']);
    // An unknown key is refused, never treated as anonymous.
    assert.equal(response.status, 401);
  });
});
