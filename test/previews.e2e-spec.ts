import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { postJson, previewUrl, request } from './support/http';
import { startUnfurl, type Unfurl } from './support/unfurl-harness';
import { Upstream } from './support/upstream';

const article = `<!doctype html><html lang="en"><head>
<title>Fallback title</title>
<meta property="og:title" content="The Real Title">
<meta property="og:description" content="What the article is about.">
<meta property="og:image" content="/images/cover.jpg">
<meta property="og:site_name" content="Example News">
</head><body><h1>Heading</h1><p>Body text.</p></body></html>`;

interface PreviewBody {
  id: string;
  url: string;
  status: string;
  data: { title: string; description: string; siteName: string; image: { url: string; width?: number; height?: number; type?: string } | null } | null;
  error: { code: string } | null;
}

describe('previews API', () => {
  let unfurl: Unfurl;
  const upstream = new Upstream();

  before(async () => {
    await upstream.start();
    unfurl = await startUnfurl();
  });
  after(async () => {
    await unfurl?.close();
    await upstream.stop();
  });

  it('turns a URL into a ready preview with its title, description and image when asked to wait', async () => {
    const page = upstream.page('/article', article);
    const answer = await request<PreviewBody>(previewUrl(unfurl.baseUrl, page, 5000));
    assert.equal(answer.status, 200);
    assert.equal(answer.body.status, 'ready');
    assert.equal(answer.body.data?.title, 'The Real Title');
    assert.equal(answer.body.data?.description, 'What the article is about.');
    assert.equal(answer.body.data?.siteName, 'Example News');
    assert.equal(answer.body.data?.image?.url, `${upstream.baseUrl}/images/cover.jpg`);
  });

  it('answers 202 with Location and Retry-After while pending, then serves the ready preview there', async () => {
    const page = upstream.page('/slow', article, 300);
    const pending = await request<PreviewBody>(previewUrl(unfurl.baseUrl, page));
    assert.equal(pending.status, 202);
    assert.equal(pending.body.status, 'pending');
    assert.equal(pending.headers.get('location'), `/v1/previews/${pending.body.id}`);
    assert.match(pending.headers.get('retry-after') ?? '', /^\d+$/);
    const ready = await postJson<PreviewBody>(`${unfurl.baseUrl}/v1/previews`, { url: page, wait: 5000 });
    assert.equal(ready.status, 200);
    assert.equal(ready.body.id, pending.body.id);
    const byId = await request<PreviewBody>(`${unfurl.baseUrl}${pending.headers.get('location')}`);
    assert.equal(byId.status, 200);
    assert.equal(byId.body.status, 'ready');
    assert.equal(byId.body.data?.title, 'The Real Title');
  });

  it('gives every spelling of a URL the same preview', async () => {
    const page = upstream.page('/Spelled', article);
    const first = await request<PreviewBody>(previewUrl(unfurl.baseUrl, page, 5000));
    const respelled = page.replace('http://127.0.0.1', 'HTTP://127.0.0.1:') + '#section';
    const second = await request<PreviewBody>(previewUrl(unfurl.baseUrl, respelled.replace('127.0.0.1:', '127.0.0.1'), 0));
    assert.equal(second.body.id, first.body.id);
    assert.equal(upstream.hitCount('/Spelled'), 1);
  });

  it('fetches a new URL once for 200 simultaneous requests', async () => {
    const page = upstream.page('/popular', article, 200);
    const answers = await Promise.all(Array.from({ length: 200 }, () => request<PreviewBody>(previewUrl(unfurl.baseUrl, page, 5000))));
    // On a loaded machine some waits may run out first (202); what matters is one id and one fetch.
    assert.ok(answers.every((a) => a.status === 200 || a.status === 202), `statuses: ${[...new Set(answers.map((a) => a.status))].join(',')}`);
    assert.equal(new Set(answers.map((a) => a.body.id)).size, 1);
    const settled = await request<PreviewBody>(previewUrl(unfurl.baseUrl, page, 10_000));
    assert.equal(settled.body.status, 'ready');
    assert.equal(upstream.hitCount('/popular'), 1);
  });

  it('records an upstream 404 as a failed preview with its code, and caches the failure', async () => {
    const missing = `${upstream.baseUrl}/gone`;
    const answer = await request<PreviewBody>(previewUrl(unfurl.baseUrl, missing, 5000));
    assert.equal(answer.status, 200);
    assert.equal(answer.body.status, 'failed');
    assert.equal(answer.body.error?.code, 'UPSTREAM_HTTP_404');
    const again = await request<PreviewBody>(previewUrl(unfurl.baseUrl, missing, 5000));
    assert.equal(again.body.error?.code, 'UPSTREAM_HTTP_404');
    assert.equal(upstream.hitCount('/gone'), 1);
  });

  it('fetches the oEmbed document a page links to and carries it in the preview', async () => {
    const oembed = upstream.route('/oembed.json', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'video', version: '1.0', title: 'A clip', html: '<iframe src="https://player.example/1"></iframe>', width: 640, height: 360, provider_name: 'Example Video' }),
    });
    const page = upstream.page('/watch', `<html><head><title>Watch</title><link rel="alternate" type="application/json+oembed" href="${oembed}"></head></html>`);
    const answer = await request<PreviewBody & { data: { oembed: Record<string, unknown> | null } }>(previewUrl(unfurl.baseUrl, page, 5000));
    assert.equal(answer.body.status, 'ready');
    assert.equal(answer.body.data?.oembed?.type, 'video');
    assert.equal(answer.body.data?.oembed?.title, 'A clip');
    assert.equal(answer.body.data?.oembed?.width, 640);
    assert.equal(answer.body.data?.oembed?.provider_name, 'Example Video');
  });

  it('fails a response that is neither a page nor media with UNSUPPORTED_CONTENT', async () => {
    const zip = upstream.route('/archive.zip', { headers: { 'content-type': 'application/zip' }, body: Buffer.from([0x50, 0x4b, 3, 4, 0, 0]) });
    const answer = await request<PreviewBody>(previewUrl(unfurl.baseUrl, zip, 5000));
    assert.equal(answer.body.status, 'failed');
    assert.equal(answer.body.error?.code, 'UNSUPPORTED_CONTENT');
  });

  it('previews an image URL as the image itself, with the size read from its bytes', async () => {
    // A 3x2 GIF header is enough for the size sniffer.
    const gif = Buffer.from([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 3, 0, 2, 0, 0, 0, 0, 0x3b]);
    const image = upstream.route('/pixel.gif', { headers: { 'content-type': 'image/gif' }, body: gif });
    const answer = await request<PreviewBody>(previewUrl(unfurl.baseUrl, image, 5000));
    assert.equal(answer.body.status, 'ready');
    assert.deepEqual(answer.body.data?.image, { url: image, width: 3, height: 2, type: 'image/gif' });
  });

  const badRequests: Array<[string, () => Promise<{ status: number; headers: Headers; body: Record<string, unknown> }>, number, string]> = [
    ['a missing url', () => request(`${unfurl.baseUrl}/v1/previews`), 400, 'VALIDATION_FAILED'],
    ['a URL that is not absolute', () => request(previewUrl(unfurl.baseUrl, 'example.com/page')), 400, 'INVALID_URL'],
    ['a non-http scheme', () => request(previewUrl(unfurl.baseUrl, 'ftp://example.com/file')), 400, 'URL_SCHEME_NOT_ALLOWED'],
    ['a javascript: URL', () => postJson(`${unfurl.baseUrl}/v1/previews`, { url: 'javascript:alert(1)' }), 400, 'URL_SCHEME_NOT_ALLOWED'],
    ['credentials in the URL', () => request(previewUrl(unfurl.baseUrl, 'https://user:secret@example.com/')), 400, 'URL_CREDENTIALS_NOT_ALLOWED'],
    ['a URL too long', () => postJson(`${unfurl.baseUrl}/v1/previews`, { url: `https://example.com/${'x'.repeat(5000)}` }), 400, 'URL_TOO_LONG'],
    ['a negative wait', () => request(`${previewUrl(unfurl.baseUrl, 'https://example.com/')}&wait=-5`), 400, 'VALIDATION_FAILED'],
    ['an unknown body property', () => postJson(`${unfurl.baseUrl}/v1/previews`, { url: 'https://example.com/', admin: true }), 400, 'VALIDATION_FAILED'],
    ['a body that is not JSON', () => request(`${unfurl.baseUrl}/v1/previews`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{nope' }), 400, 'VALIDATION_FAILED'],
    ['an unknown preview id', () => request(`${unfurl.baseUrl}/v1/previews/doesnotexist`), 404, 'PREVIEW_NOT_FOUND'],
    ['an unknown route', () => request(`${unfurl.baseUrl}/v2/nothing`), 404, 'NOT_FOUND'],
  ];
  for (const [what, send, status, code] of badRequests) {
    it(`answers ${what} with ${status} problem+json ${code}`, async () => {
      const answer = await send();
      assert.equal(answer.status, status);
      assert.match(answer.headers.get('content-type') ?? '', /^application\/problem\+json/);
      assert.equal(answer.body.code, code);
      assert.equal(answer.body.status, status);
      assert.match(String(answer.body.type), /^https:\/\/unfurl\.dev\/problems\//);
      assert.equal(typeof answer.body.title, 'string');
    });
  }

  it('reports itself live and ready, and serves its OpenAPI description and docs', async () => {
    assert.equal((await request(`${unfurl.baseUrl}/health/live`)).status, 200);
    const ready = await request<{ status: string }>(`${unfurl.baseUrl}/health/ready`);
    assert.equal(ready.status, 200);
    assert.equal(ready.body.status, 'ok');
    const spec = await request<{ openapi: string; paths: Record<string, unknown> }>(`${unfurl.baseUrl}/openapi.json`);
    assert.equal(spec.status, 200);
    assert.ok(spec.body.paths['/v1/previews']);
    const docs = await fetch(`${unfurl.baseUrl}/docs`);
    assert.equal(docs.status, 200);
  });
});
