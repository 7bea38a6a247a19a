import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { after, before, describe, it } from 'node:test';
import type { INestApplicationContext } from '@nestjs/common';
import { createRendererApp } from '../apps/renderer/src/create-renderer-app';
import { CHROMIUM, skipWithoutChromium } from './support/chromium';
import { postJson, request } from './support/http';
import { startUnfurl, type Unfurl } from './support/unfurl-harness';
import { Upstream } from './support/upstream';

const skip = skipWithoutChromium('rendering tests');

interface PreviewBody {
  id: string;
  status: string;
  data: {
    title: string | null;
    description: string | null;
    image: { url: string } | null;
    fetchMode?: string;
    renderError?: { code: string; message: string };
    screenshot?: { url: string; width: number; height: number };
  } | null;
}

const RENDER_TIMEOUT_MS = 3_000;

/** A page that states nothing until its script runs: the shape of a single-page app. */
const SCRIPTED = `<!doctype html><html><head><meta charset="utf-8"><script>
  document.title = 'Rendered by script';
  for (const [property, content] of [['og:title', 'Scripted card'], ['og:description', 'Set by JavaScript'], ['og:image', '/card.png']]) {
    const meta = document.createElement('meta');
    meta.setAttribute('property', property);
    meta.setAttribute('content', content);
    document.head.append(meta);
  }
</script></head><body><div id="root"></div><script>document.getElementById('root').textContent = 'Hello';</script></body></html>`;

/** A shell whose script keeps a request open forever, so the network never goes quiet, and never states metadata. */
const NEVER_SETTLES = `<!doctype html><html><head><script>fetch('/hang');</script></head><body><div id="root"></div></body></html>`;

describe('pages that need JavaScript (apps/renderer with headless Chromium)', { skip, timeout: 120_000 }, () => {
  let unfurl: Unfurl;
  let renderer: INestApplicationContext;
  const upstream = new Upstream();

  /** Asks for `url` and waits, past the hand-over to the renderer, until the preview is settled. */
  async function settled(url: string, params = ''): Promise<PreviewBody> {
    for (let i = 0; i < 6; i++) {
      const answer = await request<PreviewBody>(`${unfurl.baseUrl}/v1/previews?url=${encodeURIComponent(url)}&wait=10000${params}`);
      if (answer.body.status !== 'pending') return answer.body;
    }
    throw new Error(`${url} is still pending`);
  }

  before(async () => {
    await upstream.start();
    upstream.route('/hang', () => undefined);
    unfurl = await startUnfurl({ env: { RENDER_ENABLED: 'true', RENDER_TIMEOUT_MS: String(RENDER_TIMEOUT_MS), RENDERER_HEALTH_PORT: '0', CHROMIUM_PATH: CHROMIUM } });
    renderer = await createRendererApp();
  });
  after(async () => {
    await renderer?.close();
    await unfurl?.close();
    await upstream.stop();
  });

  it('renders a page whose title and Open Graph tags are set by script into a full card (render=auto)', async () => {
    const preview = await settled(upstream.page('/scripted', SCRIPTED));
    assert.equal(preview.status, 'ready');
    assert.equal(preview.data?.fetchMode, 'rendered');
    assert.equal(preview.data?.title, 'Scripted card');
    assert.equal(preview.data?.description, 'Set by JavaScript');
    assert.equal(preview.data?.image?.url, `${upstream.baseUrl}/card.png`);
    assert.equal(preview.data?.renderError, undefined);
  });

  it('reads a page that states its metadata statically, without rendering it', async () => {
    const preview = await settled(upstream.page('/static', '<html><head><title>Static page</title><meta property="og:description" content="Plain HTML"><script src="/app.js"></script></head><body><div id="root"></div></body></html>'));
    assert.equal(preview.status, 'ready');
    assert.equal(preview.data?.fetchMode, 'static');
    assert.equal(preview.data?.title, 'Static page');
    // The browser would have asked for the page again, and for its script.
    assert.equal(upstream.hitCount('/static'), 1);
    assert.equal(upstream.hitCount('/app.js'), 0);
  });

  it('keeps the static read, with the reason, for a page that never settles by the deadline', async () => {
    const started = performance.now();
    const preview = await settled(upstream.page('/never-settles', NEVER_SETTLES));
    assert.equal(preview.status, 'ready');
    assert.equal(preview.data?.fetchMode, 'static');
    assert.equal(preview.data?.renderError?.code, 'UPSTREAM_TIMEOUT');
    assert.ok(upstream.hitCount('/hang') >= 1, 'the page was rendered');
    assert.ok(performance.now() - started >= RENDER_TIMEOUT_MS, 'the render ran to its deadline');
  });

  it('renders a page that states its metadata with render=always, and never a script shell with render=never (POST)', async () => {
    const always = await settled(upstream.page('/always', '<html><head><title>Served title</title><script>document.title = "Script title"</script></head><body><p>Text</p></body></html>'), '&render=always');
    assert.equal(always.data?.fetchMode, 'rendered');
    assert.equal(always.data?.title, 'Script title');
    const never = await postJson<PreviewBody>(`${unfurl.baseUrl}/v1/previews`, { url: upstream.page('/never', SCRIPTED), wait: 10_000, render: 'never' });
    assert.equal(never.body.status, 'ready');
    assert.equal(never.body.data?.fetchMode, 'static');
    assert.equal(never.body.data?.title, null);
  });

  it("asks for the preview's lang in the browser too: Accept-Language on every request, and the page's locale", async () => {
    const heard: Array<{ path: string; acceptLanguage: string | undefined }> = [];
    const page = '<!doctype html><html><head><script src="/lang.js"></script></head><body><p>Text</p></body></html>';
    const record = (type: string, body: string) => (incoming: IncomingMessage, response: ServerResponse) => {
      heard.push({ path: new URL(incoming.url ?? '/', 'http://x').pathname, acceptLanguage: incoming.headers['accept-language'] });
      response.writeHead(200, { 'content-type': type }).end(body);
    };
    const url = upstream.route('/lang', record('text/html; charset=utf-8', page));
    upstream.route('/lang.js', record('text/javascript', 'document.title = navigator.language + " " + new Intl.NumberFormat().format(1.5);'));
    const preview = await settled(url, '&render=always&lang=fr-CA');
    assert.equal(preview.data?.fetchMode, 'rendered');
    // The static fetch, then the browser's document and script requests, all in the preview's language.
    assert.deepEqual(heard, [
      { path: '/lang', acceptLanguage: 'fr-CA' },
      { path: '/lang', acceptLanguage: 'fr-CA' },
      { path: '/lang.js', acceptLanguage: 'fr-CA' },
    ]);
    // navigator.language and Intl follow the context's locale (a decimal comma in fr-CA).
    assert.equal(preview.data?.title, 'fr-CA 1,5');
  });

  it('refuses an unknown render mode with a problem', async () => {
    const answer = await request<{ status: number }>(`${unfurl.baseUrl}/v1/previews?url=${encodeURIComponent(`${upstream.baseUrl}/x`)}&render=sometimes`);
    assert.equal(answer.status, 400);
    assert.equal(answer.headers.get('content-type'), 'application/problem+json; charset=utf-8');
  });

  it('keeps a screenshot on request and serves it with an ETag, 304 when the client has it', async () => {
    const preview = await settled(upstream.page('/pictured', '<html><head><title>Pictured</title></head><body style="background:#c00"><h1>Hello</h1></body></html>'), '&screenshot=true');
    assert.equal(preview.data?.fetchMode, 'rendered');
    assert.deepEqual(preview.data?.screenshot, { url: `/v1/previews/${preview.id}/screenshot`, width: 1200, height: 630 });
    const image = await fetch(`${unfurl.baseUrl}${preview.data.screenshot.url}`);
    assert.equal(image.status, 200);
    assert.equal(image.headers.get('content-type'), 'image/webp');
    assert.match(image.headers.get('cache-control') ?? '', /max-age=\d+/);
    const bytes = Buffer.from(await image.arrayBuffer());
    assert.equal(bytes.subarray(8, 12).toString('latin1'), 'WEBP');
    const etag = image.headers.get('etag') ?? '';
    assert.match(etag, /^"[\w-]+"$/);
    const again = await fetch(`${unfurl.baseUrl}${preview.data.screenshot.url}`, { headers: { 'if-none-match': etag } });
    assert.equal(again.status, 304);
  });

  it('answers a problem for a preview without a screenshot', async () => {
    const preview = await settled(upstream.page('/unpictured', '<title>No picture</title>'));
    const answer = await request<{ code: string }>(`${unfurl.baseUrl}/v1/previews/${preview.id}/screenshot`);
    assert.equal(answer.status, 404);
    assert.equal(answer.body.code, 'SCREENSHOT_NOT_FOUND');
    assert.equal(answer.headers.get('content-type'), 'application/problem+json; charset=utf-8');
  });
});
