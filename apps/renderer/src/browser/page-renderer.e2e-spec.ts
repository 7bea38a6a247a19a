import assert from 'node:assert/strict';
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer } from 'node:net';
import { after, afterEach, before, describe, it } from 'node:test';
import { SiteRules } from '@unfurl/config';
import { isAddressAllowed, type ResolvedAddress } from '@unfurl/fetcher';
import { PageRenderer, type PageRendererOptions, type PageTraffic, type RenderObserver, type RestartReason } from './page-renderer';
import { descendantProcesses } from './process-tree';
import { RenderError } from './render-error';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium && process.env.CI) throw new Error(`${CHROMIUM} is missing: CI must install it (apt-get install -y chromium) to run the renderer tests`);
const skip = hasChromium ? false : `${CHROMIUM} is not installed (apt-get install -y chromium): renderer tests skipped outside CI`;

// Loopback only, as in the fetcher's tests. The site under test listens on 127.0.0.2, which these
// tests (and only they) declare public through the policy's `isAddressAllowed`; the "internal"
// counting server an attacker wants to reach listens on 127.0.0.1 on the same port (TCP and UDP),
// so any connection that leaked past the guard would really land on it and be counted.
const SITE_IP = '127.0.0.2';
const INTERNAL_IP = '127.0.0.1';
const METADATA_IP = '169.254.169.254';

const html = (body: string) => ({ type: 'text/html; charset=utf-8', body });
const http = (target: string, path: string) => `http://${target}/${path}`;

class Recorder implements RenderObserver {
  readonly outcomes: string[] = [];
  readonly restarts: RestartReason[] = [];
  readonly pages: PageTraffic[] = [];
  rendered(outcome: string): void {
    this.outcomes.push(outcome);
  }
  restarted(reason: RestartReason): void {
    this.restarts.push(reason);
  }
  traffic(traffic: PageTraffic): void {
    this.pages.push(traffic);
  }
}

// A hung browser must fail the suite, not stall the whole run.
describe('PageRenderer (headless Chromium)', { skip, timeout: 120_000 }, () => {
  let port = 0;
  let site: Server;
  let internalTcp: TcpServer;
  let internalUdp: UdpSocket;
  let internalConnections = 0;
  let internalDatagrams = 0;
  const renderers: PageRenderer[] = [];
  const origin = () => `http://site.test:${port}`;

  /** Every target a hostile page aims at: the internal server by IP and by name, and cloud metadata. */
  const internalTargets = () => [`${INTERNAL_IP}:${port}`, `internal.test:${port}`, `localhost:${port}`, METADATA_IP, 'metadata.test'];

  // denied.test reaches the site's own server, but a site rule denies it (isHostDenied below).
  const rules = new SiteRules([], [{ hosts: ['denied.test'], deny: true }]);
  const hosts: Record<string, string> = { 'site.test': SITE_IP, 'denied.test': SITE_IP, 'internal.test': INTERNAL_IP, 'metadata.test': METADATA_IP, localhost: INTERNAL_IP };
  let deniedRequests = 0;
  const resolver = async (hostname: string): Promise<ResolvedAddress[]> => {
    const address = hosts[hostname];
    if (!address) throw Object.assign(new Error(`${hostname} not found`), { code: 'ENOTFOUND' });
    return [{ address, family: 4 }];
  };

  function renderer(overrides: Partial<PageRendererOptions> = {}): PageRenderer {
    const made = new PageRenderer({
      executablePath: CHROMIUM,
      concurrency: 2,
      timeoutMs: 5_000,
      maxPagesPerBrowser: 100,
      maxBrowserRssBytes: 4 * 1024 ** 3,
      maxPageBytes: 5 * 1024 ** 2,
      connectTimeoutMs: 2_000,
      // The guard stays on: the real address rules, with exactly one extra public address (the site's).
      policy: { allowPrivateAddresses: false, allowedPorts: [80, 443, port], maxUrlLength: 2048, isAddressAllowed: (ip) => ip === SITE_IP || isAddressAllowed(ip, { allowPrivateAddresses: false }), isHostDenied: (host) => rules.forHost(host).deny },
      resolver,
      ...overrides,
    });
    renderers.push(made);
    return made;
  }

  const routes = new Map<string, (request: IncomingMessage, response: ServerResponse) => void>();
  const page = (path: string, body: string, delayMs = 0) =>
    routes.set(path, (_, response) => void setTimeout(() => response.writeHead(200, { 'content-type': html(body).type }).end(body), delayMs));

  before(async () => {
    site = createServer((request, response) => {
      if (request.headers.host?.startsWith('denied.test')) deniedRequests += 1;
      const url = new URL(request.url ?? '/', 'http://site.test');
      const route = routes.get(url.pathname);
      if (route) return route(request, response);
      response.writeHead(404).end();
    });
    site.listen(0, SITE_IP);
    await once(site, 'listening');
    port = (site.address() as AddressInfo).port;
    internalTcp = createTcpServer((socket) => {
      internalConnections += 1;
      socket.end('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok');
    });
    internalTcp.listen(port, INTERNAL_IP);
    await once(internalTcp, 'listening');
    internalUdp = createSocket('udp4', () => (internalDatagrams += 1));
    internalUdp.bind(port, INTERNAL_IP);
    await once(internalUdp, 'listening');
  });

  afterEach(
    async () => {
      for (const made of renderers.splice(0)) await made.close();
    },
    { timeout: 30_000 },
  );

  after(() => {
    site.closeAllConnections();
    site.close();
    internalTcp.close();
    internalUdp.close();
  });

  it('renders a page whose title and Open Graph tags are set by script, with a screenshot', async () => {
    routes.set('/data.json', (_, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ description: 'Fetched by the app' })));
    page(
      '/app',
      `<!doctype html><html><head><script src="/app.js"></script></head><body><div id="root"></div></body></html>`,
    );
    routes.set('/app.js', (_, response) =>
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(`
        document.title = 'Rendered by script';
        const meta = (property, content) => { const m = document.createElement('meta'); m.setAttribute('property', property); m.content = content; document.head.append(m); };
        meta('og:title', 'OG title from script');
        fetch('/data.json').then((r) => r.json()).then((d) => { meta('og:description', d.description); document.getElementById('root').textContent = 'Hello'; });
      `),
    );
    const recorder = new Recorder();
    const rendered = await renderer({ observer: recorder }).render(`${origin()}/app`, { screenshot: 'jpeg' });
    assert.equal(rendered.status, 200);
    assert.equal(rendered.settled, true);
    assert.equal(rendered.finalUrl, `${origin()}/app`);
    assert.match(rendered.html, /<title>Rendered by script<\/title>/);
    assert.match(rendered.html, /<meta property="og:title" content="OG title from script">/);
    assert.match(rendered.html, /<meta property="og:description" content="Fetched by the app">/);
    assert.ok(rendered.bytes > 0);
    assert.deepEqual(recorder.outcomes, ['settled']);
    const shot = rendered.screenshot;
    assert.ok(shot);
    assert.deepEqual([shot.contentType, shot.width, shot.height], ['image/jpeg', 1200, 630]);
    assert.deepEqual([...shot.data.subarray(0, 3)], [0xff, 0xd8, 0xff]);

    const webp = await renderer().render(`${origin()}/app`, { screenshot: 'webp' });
    assert.equal(webp.screenshot?.contentType, 'image/webp');
    assert.equal(webp.screenshot?.data.subarray(8, 12).toString('latin1'), 'WEBP');
  });

  it('takes the DOM at the deadline when the network never goes quiet', async () => {
    routes.set('/tick', (_, response) => response.writeHead(200, { 'content-type': 'text/plain' }).end('tick'));
    page('/busy', `<!doctype html><title>Busy</title><script>document.title = 'Busy, rendered'; setInterval(() => fetch('/tick?' + Math.random()), 100);</script>`);
    const recorder = new Recorder();
    const started = performance.now();
    const rendered = await renderer({ timeoutMs: 1_500, observer: recorder }).render(`${origin()}/busy`);
    const elapsed = performance.now() - started;
    assert.equal(rendered.settled, false);
    assert.match(rendered.html, /<title>Busy, rendered<\/title>/);
    assert.ok(elapsed >= 1_500 && elapsed < 1_500 + 4_000, `ended ${elapsed} ms after starting`);
    assert.deepEqual(recorder.outcomes, ['deadline']);
  });

  it('refuses a page whose host resolves to an internal address', async () => {
    const recorder = new Recorder();
    const made = renderer({ observer: recorder });
    await assert.rejects(made.render(`http://internal.test:${port}/`), (error: RenderError) => error.code === 'BLOCKED_ADDRESS');
    await assert.rejects(made.render(`http://${INTERNAL_IP}:${port}/`), (error: RenderError) => error.code === 'BLOCKED_ADDRESS');
    await assert.rejects(made.render('file:///etc/passwd'), (error: RenderError) => error.code === 'BLOCKED_URL');
    assert.equal(internalConnections, 0);
  });

  it('asks a host that a site rule denies for nothing: not the page, a redirect to it, nor what a page loads from it', async () => {
    const denied = `http://denied.test:${port}`;
    page(
      '/embeds',
      `<!doctype html><title>Embeds</title><img src="${denied}/pixel.png"><script src="${denied}/app.js"></script>` +
        `<iframe src="${denied}/frame"></iframe><img src="http://denied.test.:${port}/dotted.png"><script>fetch('${denied}/api').catch(() => {}); document.title = 'Embeds, rendered';</script>`,
    );
    routes.set('/to-denied', (_, response) => response.writeHead(302, { location: `${denied}/app` }).end());
    const recorder = new Recorder();
    const made = renderer({ observer: recorder });
    const rendered = await made.render(`${origin()}/embeds`);
    assert.match(rendered.html, /<title>Embeds, rendered<\/title>/);
    await assert.rejects(made.render(`${denied}/app`), (error: RenderError) => error.code === 'SITE_DENIED');
    await assert.rejects(made.render(`${origin()}/to-denied`), (error: RenderError) => error.code === 'SITE_DENIED');
    assert.equal(deniedRequests, 0);
    const refusals = recorder.pages.flatMap((p) => p.refusals);
    assert.ok(refusals.length >= 4, JSON.stringify(refusals));
    assert.deepEqual(new Set(refusals.map((r) => `${r.target} ${r.code}`)), new Set([`denied.test:${port} SITE_DENIED`, `denied.test.:${port} SITE_DENIED`]));
  });

  it("says why when a page's script sends it to an address that does not answer or is refused, or Chromium shows its error page", async () => {
    // Once loaded, as a JavaScript redirect does, to https: (a CONNECT the proxy refuses leaves
    // Chromium on its error page, with no answer to read). nowhere.test does not resolve;
    // denied.test is the site's own address, under a name a rule denies.
    page('/to-nowhere', `<!doctype html><title>Leaving</title><script>addEventListener('load', () => setTimeout(() => { location.href = 'https://nowhere.test/landing'; }, 100));</script>`);
    page('/to-denied-by-script', `<!doctype html><title>Leaving</title><script>addEventListener('load', () => setTimeout(() => { location.href = 'https://denied.test/landing'; }, 100));</script>`);
    const made = renderer();
    await assert.rejects(made.render(`${origin()}/to-nowhere`), (error: RenderError) => error.code === 'UPSTREAM_UNREACHABLE' && /nowhere\.test/.test(error.message));
    await assert.rejects(made.render(`${origin()}/to-denied-by-script`), (error: RenderError) => error.code === 'SITE_DENIED');
    // Chromium's own error page, with no refusal of the proxy's behind it: its error text says why.
    routes.set('/empty-403', (_, response) => response.writeHead(403).end());
    routes.set('/loop', (_, response) => response.writeHead(302, { location: '/loop' }).end());
    await assert.rejects(made.render(`${origin()}/empty-403`), (error: RenderError) => error.code === 'UPSTREAM_HTTP_403');
    await assert.rejects(made.render(`${origin()}/loop`), (error: RenderError) => error.code === 'TOO_MANY_REDIRECTS');
  });

  it('lets a hostile page reach nothing but its own site, whatever channel it tries', async () => {
    const targets = internalTargets();
    routes.set('/redirect', (request, response) => {
      const to = new URL(request.url ?? '/', 'http://x').searchParams.get('to') ?? '/';
      response.writeHead(302, { location: to }).end();
    });
    routes.set('/worker.js', (_, response) =>
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(`
        for (const t of ${JSON.stringify(targets)}) { fetch('http://' + t + '/from-worker').catch(() => {}); try { new WebSocket('ws://' + t + '/ws-worker'); } catch {} }
        postMessage('worker ran');
      `),
    );
    routes.set('/sw.js', (_, response) => response.writeHead(200, { 'content-type': 'text/javascript' }).end(`fetch('http://${INTERNAL_IP}:${port}/from-sw');`));
    routes.set('/download', (_, response) => response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-disposition': 'attachment; filename="x.bin"' }).end('binary'));
    const channels = targets.flatMap((t) => [
      `<img src="${http(t, 'img')}">`,
      `<script src="${http(t, 'script.js')}"></script>`,
      `<link rel="stylesheet" href="${http(t, 'style.css')}">`,
      `<link rel="prefetch" href="${http(t, 'prefetch')}">`,
      `<iframe src="${http(t, 'iframe')}"></iframe>`,
      `<img src="/redirect?to=${encodeURIComponent(http(t, 'redirected'))}">`,
      `<video src="${http(t, 'video.mp4')}" autoplay muted></video>`,
      `<style>@font-face { font-family: f${targets.indexOf(t)}; src: url(${http(t, 'font.woff2')}); } body { font-family: f${targets.indexOf(t)}; }</style>`,
      `<form method="post" action="${http(t, 'form')}" target="sink"><input name="secret" value="x"></form>`,
      `<a href="${http(t, 'download.bin')}" download>download</a>`,
    ]);
    const script = `
      const targets = ${JSON.stringify(targets)};
      const attempts = [];
      const tryIt = (name, fn) => { try { const r = fn(); if (r && r.catch) r.catch(() => {}); attempts.push(name); } catch { attempts.push(name + '!'); } };
      for (const t of targets) {
        tryIt('fetch', () => fetch('http://' + t + '/fetch', { mode: 'no-cors' }));
        tryIt('xhr', () => { const x = new XMLHttpRequest(); x.open('GET', 'http://' + t + '/xhr'); x.send(); });
        tryIt('ws', () => new WebSocket('ws://' + t + '/ws'));
        tryIt('wss', () => new WebSocket('wss://' + t + '/wss'));
        tryIt('beacon', () => navigator.sendBeacon('http://' + t + '/beacon', 'x'));
        tryIt('eventsource', () => new EventSource('http://' + t + '/events'));
        tryIt('open', () => window.open('http://' + t + '/popup'));
        tryIt('import', () => import('http://' + t + '/module.js'));
      }
      tryIt('worker', () => new Worker('/worker.js'));
      tryIt('shared-worker', () => new SharedWorker('/worker.js'));
      tryIt('service-worker', () => navigator.serviceWorker.register('/sw.js'));
      tryIt('rtc', async () => {
        const pc = new RTCPeerConnection({ iceServers: [
          { urls: ['stun:${INTERNAL_IP}:${port}', 'stun:${METADATA_IP}:3478'] },
          { urls: ['turn:${INTERNAL_IP}:${port}?transport=udp', 'turn:${INTERNAL_IP}:${port}?transport=tcp'], username: 'u', credential: 'p' },
        ] });
        pc.createDataChannel('x');
        await pc.setLocalDescription(await pc.createOffer());
      });
      for (const form of document.forms) tryIt('form', () => form.submit());
      for (const a of document.querySelectorAll('a[download]')) tryIt('download', () => a.click());
      tryIt('download-same-site', () => { const a = document.createElement('a'); a.href = '/download'; a.download = 'x.bin'; document.body.append(a); a.click(); });
      tryIt('file-iframe', () => { const f = document.createElement('iframe'); f.src = 'file:///etc/passwd'; document.body.append(f); });
      tryIt('data-iframe', () => { const f = document.createElement('iframe'); f.src = 'data:text/html,<img src="http://${INTERNAL_IP}:${port}/data-iframe">'; document.body.append(f); });
      document.title = 'hostile: ' + attempts.length + ' attempts';
      setTimeout(() => { tryIt('data-navigation', () => { location.href = 'data:text/html,<img src="http://${INTERNAL_IP}:${port}/data-top">'; }); }, 50);
      setTimeout(() => { tryIt('file-navigation', () => { location.href = 'file:///etc/passwd'; }); }, 100);
      setTimeout(() => { tryIt('redirect-navigation', () => { location.href = '/redirect?to=' + encodeURIComponent('http://${INTERNAL_IP}:${port}/top'); }); }, 1500);
    `;
    page('/hostile', `<!doctype html><html><head><title>hostile</title></head><body><iframe name="sink"></iframe>${channels.join('\n')}<script>${script}</script></body></html>`);

    const recorder = new Recorder();
    const rendered = await renderer({ observer: recorder, timeoutMs: 4_000 }).render(`${origin()}/hostile`).catch((error: unknown) => error);
    // Whether the page ends as a render or as a refused top-level redirect, nothing got through.
    assert.equal(internalConnections, 0, 'TCP connections to the internal server');
    assert.equal(internalDatagrams, 0, 'UDP datagrams to the internal server');
    const dialled = new Set(recorder.pages.flatMap((p) => p.dialled));
    assert.deepEqual([...dialled], [`${SITE_IP}:${port}`], 'the proxy dialled only the site');
    // The page did try: the proxy refused the internal server and the metadata address by their addresses.
    const refused = new Set(recorder.pages.flatMap((p) => p.refusals.map((r) => `${r.target} ${r.code}`)));
    for (const target of [`${INTERNAL_IP}:${port}`, `internal.test:${port}`, `localhost:${port}`, `${METADATA_IP}:80`, 'metadata.test:80']) {
      assert.ok(refused.has(`${target} BLOCKED_ADDRESS`), `${target} refused: ${[...refused].join(', ')}`);
    }
    if (!(rendered instanceof RenderError)) assert.match((rendered as { html: string }).html, /hostile: \d+ attempts/);
  });

  it('recovers when the browser is killed in the middle of a page', async () => {
    page('/slow', '<!doctype html><title>Slow but fine</title>', 1_500);
    const recorder = new Recorder();
    const made = renderer({ observer: recorder });
    await made.start();
    const rendering = made.render(`${origin()}/slow`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const browser = (await descendantProcesses()).find((p) => p.ppid === process.pid && /chrom/i.test(p.name));
    assert.ok(browser, 'the browser process is a child of this process');
    process.kill(browser.pid, 'SIGKILL');
    const rendered = await rendering;
    assert.match(rendered.html, /<title>Slow but fine<\/title>/);
    assert.deepEqual(recorder.restarts, ['crash']);
    assert.ok(await made.isReady());
    const again = await made.render(`${origin()}/slow`);
    assert.match(again.html, /Slow but fine/);
  });

  it('sends a lang that is no locale as Accept-Language, and renders the page in the default locale', async () => {
    const heard: Array<string | undefined> = [];
    routes.set('/private-lang', (request, response) => {
      heard.push(request.headers['accept-language']);
      response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><script>document.title = navigator.language</script>');
    });
    const rendered = await renderer().render(`${origin()}/private-lang`, { lang: 'x-klingon' });
    assert.deepEqual(heard, ['x-klingon']);
    assert.match(rendered.html, /<title>en-US<\/title>/);
  });

  it('replaces the browser after its page allowance, between pages', async () => {
    page('/plain', '<!doctype html><title>Plain</title>');
    const recorder = new Recorder();
    const made = renderer({ observer: recorder, maxPagesPerBrowser: 2 });
    const pages = await Promise.all([1, 2, 3].map(() => made.render(`${origin()}/plain`)));
    assert.equal(pages.length, 3);
    assert.deepEqual(recorder.restarts, ['pages']);
    assert.deepEqual(recorder.outcomes, ['settled', 'settled', 'settled']);
  });
});
