import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { INestApplicationContext } from '@nestjs/common';
import { chromium, type Browser } from 'playwright-core';
import { createRendererApp } from '../apps/renderer/src/create-renderer-app';
import { CHROMIUM, skipWithoutChromium } from './support/chromium';
import { startUnfurl, type Unfurl } from './support/unfurl-harness';
import { Upstream } from './support/upstream';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/** A 1x1 PNG, so the card's image really loads from the local upstream. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

const article = `<!doctype html><html lang="en"><head>
<title>Fallback</title>
<meta property="og:title" content="Playground Article">
<meta property="og:description" content="Rendered the way a chat would show it.">
<meta property="og:image" content="/cover.png">
<meta property="og:site_name" content="Local News">
<link rel="icon" href="/icon.png">
</head><body><p>Text</p></body></html>`;

// Decided when the file loads, before any test is declared; not on any request path.
const skip = skipWithoutChromium('browser test');

/** A page that states nothing until its script runs. */
const scripted = `<!doctype html><html><head><script>
  document.title = 'Scripted card';
  const meta = document.createElement('meta');
  meta.setAttribute('property', 'og:description');
  meta.setAttribute('content', 'Set by JavaScript');
  document.head.append(meta);
</script></head><body style="background:#0a66c2"><div id="root"></div></body></html>`;

/** A script shell whose network never goes quiet: its render ends at the deadline, still a shell. */
const neverSettles = `<!doctype html><html><head><script>fetch('/hang');</script></head><body><div id="root"></div></body></html>`;

describe('playground (headless Chromium)', { skip }, () => {
  let unfurl: Unfurl;
  let renderer: INestApplicationContext;
  let browser: Browser;
  const upstream = new Upstream();

  before(async () => {
    await upstream.start();
    upstream.route('/cover.png', { headers: { 'content-type': 'image/png' }, body: PNG });
    upstream.route('/icon.png', { headers: { 'content-type': 'image/png' }, body: PNG });
    upstream.route('/hang', () => undefined);
    unfurl = await startUnfurl({ env: { RENDER_ENABLED: 'true', RENDER_TIMEOUT_MS: '2000', RENDERER_HEALTH_PORT: '0', CHROMIUM_PATH: CHROMIUM } });
    renderer = await createRendererApp();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });
  after(async () => {
    await browser?.close();
    await renderer?.close();
    await unfurl?.close();
    await upstream.stop();
  });

  it('renders the card of a pasted URL (image, title, description, site, icon) and its raw JSON', async () => {
    const url = upstream.page('/article', article, 300);
    const page = await browser.newPage();
    const failures: string[] = [];
    page.on('pageerror', (error) => failures.push(error.message));
    await page.goto(`${unfurl.baseUrl}/`);
    await page.fill('#url', url);
    await page.click('#submit');
    await page.locator('#card').waitFor({ state: 'visible', timeout: 15_000 });
    assert.equal(await page.textContent('#card-title'), 'Playground Article');
    assert.equal(await page.textContent('#card-description'), 'Rendered the way a chat would show it.');
    assert.equal(await page.textContent('#card-site'), 'Local News');
    assert.equal(await page.getAttribute('#card-image', 'src'), `${upstream.baseUrl}/cover.png`);
    assert.equal(await page.getAttribute('#card-icon', 'src'), `${upstream.baseUrl}/icon.png`);
    // The image really loaded in the browser, not just its attribute set.
    assert.equal(await page.$eval('#card-image', (img) => (img as unknown as { naturalWidth: number }).naturalWidth), 1);
    const raw = JSON.parse((await page.textContent('#raw')) ?? '{}') as { status: string; url: string; data: { title: string } };
    assert.equal(raw.status, 'ready');
    assert.equal(raw.data.title, 'Playground Article');
    assert.equal(await page.textContent('#status'), 'Ready');
    // The first answer was a 202 for a URL never seen: MISS; asked again, the stored card is a HIT.
    assert.equal(await page.textContent('#cache-status'), 'MISS');
    await page.click('#submit');
    await page.locator('#cache-status', { hasText: 'HIT' }).waitFor({ timeout: 15_000 });
    assert.match((await page.textContent('#cache-age')) ?? '', /^\d+$/);
    assert.deepEqual(failures, []);
    await page.close();
  });

  it('renders the page in the browser when asked, and shows how it was read and its screenshot', async () => {
    const page = await browser.newPage();
    const failures: string[] = [];
    page.on('pageerror', (error) => failures.push(error.message));
    await page.goto(`${unfurl.baseUrl}/`);
    await page.fill('#url', upstream.page('/scripted', scripted));
    await page.selectOption('#render', 'always');
    await page.check('#screenshot');
    await page.click('#submit');
    await page.locator('#screenshot-image').waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await page.textContent('#card-title'), 'Scripted card');
    assert.equal(await page.textContent('#card-description'), 'Set by JavaScript');
    assert.equal(await page.textContent('#fetch-mode'), 'rendered');
    assert.equal(await page.textContent('#render-error'), '');
    // The image really loaded: the renderer's 1200x630 viewport, fetched from the API.
    assert.deepEqual(await page.$eval('#screenshot-image', (img) => [(img as unknown as { naturalWidth: number }).naturalWidth, (img as unknown as { naturalHeight: number }).naturalHeight]), [1200, 630]);
    const raw = JSON.parse((await page.textContent('#raw')) ?? '{}') as { id: string; data: { screenshot: { url: string } } };
    assert.equal(raw.data.screenshot.url, `/v1/previews/${raw.id}/screenshot`);
    assert.deepEqual(failures, []);
    await page.close();
  });

  it('shows why a wanted render failed, beside the static card, and no screenshot', async () => {
    const page = await browser.newPage();
    await page.goto(`${unfurl.baseUrl}/`);
    await page.fill('#url', upstream.page('/never-settles', neverSettles));
    await page.click('#submit');
    await page.locator('#fetch').waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await page.textContent('#fetch-mode'), 'static');
    assert.match((await page.textContent('#render-error')) ?? '', /^render failed: UPSTREAM_TIMEOUT \(.+\)$/);
    assert.equal(await page.isHidden('#screenshot-figure'), true);
    assert.equal(upstream.hitCount('/hang') >= 1, true, 'the page was rendered');
    await page.close();
  });

  it('shows the problem when the URL is refused', async () => {
    const page = await browser.newPage();
    await page.goto(`${unfurl.baseUrl}/`);
    // The input is type=url, so the browser itself refuses non-URLs: send a scheme the API refuses.
    await page.fill('#url', 'ftp://example.com/file');
    await page.click('#submit');
    await page.locator('#status.error').waitFor({ timeout: 15_000 });
    assert.match((await page.textContent('#status')) ?? '', /URL_SCHEME_NOT_ALLOWED/);
    assert.equal(await page.isHidden('#card'), true);
    assert.equal(await page.isHidden('#cache'), true);
    await page.close();
  });

  it('is left out of the OpenAPI description', async () => {
    const spec = (await (await fetch(`${unfurl.baseUrl}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    assert.equal(spec.paths['/'], undefined);
    assert.equal(Object.keys(spec.paths).some((path) => path.startsWith('/playground')), false);
  });
});
