import assert from 'node:assert/strict';
import { once } from 'node:events';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import zlib from 'node:zlib';
import { until } from '../../../test/support/until';
import { HttpService } from '@nestjs/axios';
import { Test } from '@nestjs/testing';
import { Environment, SiteRules, UnfurlConfigModule } from '@unfurl/config';
import { isBlockedAddress } from './blocked-address';
import { ConnectionGuard } from './connection-guard';
import { FetchError } from './fetch-error';
import { FETCH_POLICY, fetchPolicy, type FetchPolicy } from './fetch-policy';
import { FetcherModule } from './fetcher.module';
import { FetcherService } from './fetcher.service';
import type { FetcherOptions, ResolvedAddress, Resolver } from './fetcher-options';
import { GuardedHttpAgent, GuardedHttpsAgent } from './guarded-agents';

// Loopback only. The "public" upstream listens on 127.0.0.2, which the tests (and only the tests)
// declare public through `isAddressAllowed`; the "internal" service an attacker wants to reach
// listens on 127.0.0.1, on the same port, so a leaked connection would really land on it.
const PUBLIC_IP = '127.0.0.2';
const INTERNAL_IP = '127.0.0.1';
const ONE_MIB = 1024 * 1024;

interface Upstream {
  server: http.Server;
  hits: string[];
  /** Connections accepted since the test began. */
  connections: Socket[];
}

let port = 0;
let publicUpstream: Upstream;
let internalUpstream: Upstream;
let proxy: Upstream;
let closedPort = 0;
let gzipBomb: Buffer;
const openResponses = new Set<http.ServerResponse>();
/** Server sockets that have answered a request. */
const answered = new WeakSet<Socket>();

function publicHandler(req: http.IncomingMessage, res: http.ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://upstream');
  const to = url.searchParams.get('to') ?? '/ok';
  openResponses.add(res);
  res.on('close', () => openResponses.delete(res));
  switch (url.pathname) {
    case '/ok':
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'X-Upstream': 'public' });
      res.end('<title>public</title>');
      return;
    case '/redirect':
      res.writeHead(Number(url.searchParams.get('status') ?? 302), { Location: to });
      res.end();
      return;
    case '/loop':
      res.writeHead(302, { Location: '/loop' });
      res.end();
      return;
    case '/chain': {
      const n = Number(url.searchParams.get('n'));
      res.writeHead(n > 0 ? 301 : 200, n > 0 ? { Location: `/chain?n=${n - 1}` } : {});
      res.end(n > 0 ? '' : 'end of chain');
      return;
    }
    case '/echo': {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ method: req.method, body: Buffer.concat(chunks).toString(), headers: req.headers }));
      });
      return;
    }
    case '/404':
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not here');
      return;
    case '/endless': {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
      };
      res.on('drain', pump);
      pump();
      return;
    }
    case '/bomb':
      res.writeHead(200, { 'Content-Type': 'text/html', 'Content-Encoding': 'gzip', 'Content-Length': gzipBomb.length });
      res.end(gzipBomb);
      return;
    case '/gzip':
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Encoding': 'gzip' });
      res.end(zlib.gzipSync('hello, gzip'));
      return;
    case '/br':
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Encoding': 'br' });
      res.end(zlib.brotliCompressSync('hello, brotli'));
      return;
    case '/drip': {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      const timer = setInterval(() => res.write('x'), 200);
      res.on('close', () => clearInterval(timer));
      return;
    }
    case '/silent':
      return; // never answers
    case '/reset-when-reused':
      // A server closing an idle connection just as the client sends on it.
      if (answered.has(req.socket)) {
        req.socket.destroy();
        return;
      }
      res.end('fresh connection');
      return;
    case '/declared-huge':
      res.writeHead(200, { 'Content-Type': 'text/html', 'Content-Length': String(100 * ONE_MIB) });
      res.write('<html>'); // and then nothing: only the header may decide
      return;
    default:
      res.writeHead(500);
      res.end();
  }
}

async function listen(handler: http.RequestListener, host: string, wanted = 0): Promise<Upstream> {
  const hits: string[] = [];
  const connections: Socket[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    handler(req, res);
    res.on('finish', () => answered.add(req.socket));
  });
  server.on('connection', (socket: Socket) => connections.push(socket));
  server.listen(wanted, host);
  await once(server, 'listening');
  return { server, hits, connections };
}

async function close(upstream: Upstream | undefined): Promise<void> {
  if (!upstream) return;
  upstream.server.closeAllConnections();
  await new Promise((resolve) => upstream.server.close(resolve));
}

function staticResolver(table: Record<string, string[]>): Resolver {
  return async (hostname) => {
    // Like DNS, a fully qualified name with its root dot is the same name.
    const addresses = table[hostname.replace(/\.$/, '')];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address): ResolvedAddress => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
}

const hosts = {
  'public.test': [PUBLIC_IP],
  'other.test': [PUBLIC_IP],
  'internal.test': [INTERNAL_IP],
  localhost: [INTERNAL_IP],
  'mixed.test': [INTERNAL_IP, PUBLIC_IP],
  'empty.test': [],
};

/** A fetcher whose policy is the production one, plus 127.0.0.2 counted as public. */
function fetcher(overrides: Partial<FetcherOptions> = {}): FetcherService {
  return new FetcherService(new HttpService(), {
    ...fetchPolicy((key) => new Environment()[key], new SiteRules([])),
    allowPrivateAddresses: false,
    isAddressAllowed: (ip) => ip === PUBLIC_IP || !isBlockedAddress(ip),
    allowedPorts: [port],
    resolver: staticResolver(hosts),
    ...overrides,
  });
}

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<FetchError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof FetchError, `expected a FetchError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    return error;
  }
  assert.fail(`expected ${code}, but the fetch succeeded`);
}

const pub = (path: string) => `http://public.test:${port}${path}`;

before(async () => {
  for (let attempt = 0; ; attempt++) {
    publicUpstream = await listen(publicHandler, PUBLIC_IP);
    port = (publicUpstream.server.address() as AddressInfo).port;
    try {
      internalUpstream = await listen((_req, res) => res.end('secret'), INTERNAL_IP, port);
      break;
    } catch (error) {
      await close(publicUpstream);
      if (attempt > 5) throw error;
    }
  }
  proxy = await listen((_req, res) => res.end('proxied'), PUBLIC_IP);
  const closed = await listen(() => undefined, PUBLIC_IP);
  closedPort = (closed.server.address() as AddressInfo).port;
  await close(closed);

  const gzip = zlib.createGzip({ level: 9 });
  const parts: Buffer[] = [];
  gzip.on('data', (c: Buffer) => parts.push(c));
  const zeros = Buffer.alloc(ONE_MIB);
  for (let i = 0; i < 50; i++) if (!gzip.write(zeros)) await once(gzip, 'drain');
  gzip.end();
  await once(gzip, 'end');
  gzipBomb = Buffer.concat(parts);
});

after(async () => {
  for (const res of openResponses) res.destroy();
  await Promise.all([close(publicUpstream), close(internalUpstream), close(proxy)]);
});

beforeEach(() => {
  for (const upstream of [publicUpstream, internalUpstream, proxy]) {
    upstream.hits.length = 0;
    upstream.connections.length = 0;
  }
});

/** Resolves once the upstream has closed `socket`'s connection, as the client ended it. */
function closedByClient(socket: Socket | undefined): Promise<true> {
  assert.ok(socket, 'the upstream saw no connection');
  return until(async () => (socket.closed ? true : undefined), 'the connection to be closed', 20);
}

describe('FetcherService: addresses', () => {
  it('fetches a public host and reports status, headers, content type and body', async () => {
    const result = await fetcher().fetch(pub('/ok'));
    assert.equal(result.status, 200);
    assert.equal(result.url, pub('/ok'));
    assert.equal(result.finalUrl, pub('/ok'));
    assert.deepEqual(result.redirects, []);
    assert.equal(result.contentType, 'text/html; charset=utf-8');
    assert.equal(result.headers['x-upstream'], 'public');
    assert.equal(result.body.toString(), '<title>public</title>');
  });

  it('refuses a host name that resolves to loopback, without connecting', async () => {
    await rejectsWith(fetcher({ isAddressAllowed: undefined }).fetch(`http://internal.test:${port}/`), 'BLOCKED_ADDRESS');
    await rejectsWith(fetcher().fetch(`http://localhost.:${port}/`), 'BLOCKED_ADDRESS');
    assert.deepEqual(internalUpstream.hits, []);
  });

  it('refuses IP literals in blocked ranges, in any spelling', async () => {
    for (const host of ['127.0.0.1', '2130706433', '0x7f.0.0.1', '0177.0.0.1', '127.1', '[::ffff:127.0.0.1]', '[::ffff:7f00:1]', '[::1]']) {
      await rejectsWith(fetcher().fetch(`http://${host}:${port}/`), 'BLOCKED_ADDRESS');
    }
    assert.deepEqual(internalUpstream.hits, []);
  });

  it('fetches loopback hosts and literals when allowPrivateAddresses is set, on any port', async () => {
    const open = fetcher({ allowPrivateAddresses: true, isAddressAllowed: undefined, allowedPorts: undefined });
    assert.equal((await open.fetch(`http://internal.test:${port}/`)).body.toString(), 'secret');
    assert.equal((await open.fetch(`http://${INTERNAL_IP}:${port}/`)).body.toString(), 'secret');
  });

  it('connects only to the vetted addresses of a host that has both kinds', async () => {
    const result = await fetcher().fetch(`http://mixed.test:${port}/ok`);
    assert.equal(result.body.toString(), '<title>public</title>');
    assert.deepEqual(internalUpstream.hits, []);
  });

  it('refuses IP literals in the agents themselves, even when a caller skips checkUrl', async () => {
    const guard = new ConnectionGuard({ allowPrivateAddresses: false }, staticResolver(hosts), 1000);
    const viaHttp = new Promise((resolve, reject) => {
      http.get({ host: INTERNAL_IP, port, agent: new GuardedHttpAgent(guard) }, resolve).on('error', reject);
    });
    await rejectsWith(viaHttp, 'BLOCKED_ADDRESS');
    const viaHttps = new Promise((resolve, reject) => {
      https.get({ host: INTERNAL_IP, port, agent: new GuardedHttpsAgent(guard) }, resolve).on('error', reject);
    });
    await rejectsWith(viaHttps, 'BLOCKED_ADDRESS');
    const httpsByName = fetcher({ allowedPorts: [443] }).fetch('https://internal.test/');
    await rejectsWith(httpsByName, 'BLOCKED_ADDRESS');
    assert.deepEqual(internalUpstream.hits, []);
  });

  it('ignores HTTP_PROXY and HTTPS_PROXY from the environment', async () => {
    const saved = { ...process.env };
    const proxyUrl = `http://${PUBLIC_IP}:${(proxy.server.address() as AddressInfo).port}`;
    Object.assign(process.env, { HTTP_PROXY: proxyUrl, http_proxy: proxyUrl, HTTPS_PROXY: proxyUrl, https_proxy: proxyUrl });
    try {
      const result = await fetcher().fetch(pub('/ok'));
      assert.equal(result.body.toString(), '<title>public</title>');
      assert.deepEqual(proxy.hits, []);
    } finally {
      for (const name of ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy']) {
        if (saved[name] === undefined) delete process.env[name];
        else process.env[name] = saved[name];
      }
    }
  });
});

/** Answers public first, then loopback: the classic rebinding attack. */
function rebinding(): { resolver: Resolver; calls: () => number } {
  let calls = 0;
  return {
    resolver: async () => [{ address: calls++ === 0 ? PUBLIC_IP : INTERNAL_IP, family: 4 }],
    calls: () => calls,
  };
}


describe('FetcherService: DNS rebinding', () => {
  it('resolves once per connection and connects to the address it checked', async () => {
    const dns = rebinding();
    const result = await fetcher({ resolver: dns.resolver }).fetch(`http://rebind.test:${port}/ok`);
    assert.equal(result.body.toString(), '<title>public</title>');
    assert.equal(dns.calls(), 1);
    assert.deepEqual(internalUpstream.hits, []);
  });

  it('checks the new answer when a redirect to the same host opens a new connection', async () => {
    const dns = rebinding();
    await rejectsWith(fetcher({ resolver: dns.resolver }).fetch(`http://rebind.test:${port}/redirect?to=/secret`), 'BLOCKED_ADDRESS');
    assert.equal(dns.calls(), 2);
    assert.deepEqual(publicUpstream.hits, ['/redirect?to=/secret']);
    assert.deepEqual(internalUpstream.hits, []);
  });

  it('would reach the internal service if private addresses were allowed (the test can see a leak)', async () => {
    const dns = rebinding();
    const open = fetcher({ resolver: dns.resolver, allowPrivateAddresses: true });
    const result = await open.fetch(`http://rebind.test:${port}/redirect?to=/secret`);
    assert.equal(result.body.toString(), 'secret');
    assert.deepEqual(internalUpstream.hits, ['/secret']);
  });
});

describe('FetcherService: redirects', () => {
  const refusedTargets: Array<[string, string]> = [
    [`http://${INTERNAL_IP}:PORT/secret`, 'BLOCKED_ADDRESS'],
    ['http://169.254.169.254/latest/meta-data/', 'BLOCKED_ADDRESS'],
    ['http://[::ffff:127.0.0.1]:PORT/secret', 'BLOCKED_ADDRESS'],
    ['http://0x7f.1:PORT/secret', 'BLOCKED_ADDRESS'],
    ['http://internal.test:PORT/secret', 'BLOCKED_ADDRESS'],
    ['http://localhost.:PORT/secret', 'BLOCKED_ADDRESS'],
    ['file:///etc/passwd', 'BLOCKED_URL'],
    ['gopher://public.test:PORT/', 'BLOCKED_URL'],
    ['http://user:pw@public.test:PORT/ok', 'BLOCKED_URL'],
    ['http://public.test:22/', 'BLOCKED_PORT'],
  ];
  for (const [target, code] of refusedTargets) {
    it(`refuses a redirect to ${target} with ${code}`, async () => {
      const to = encodeURIComponent(target.replace('PORT', String(port)));
      await rejectsWith(fetcher().fetch(pub(`/redirect?to=${to}`)), code);
      assert.deepEqual(internalUpstream.hits, []);
    });
  }

  it('follows relative redirects and reports every hop', async () => {
    const result = await fetcher().fetch(pub('/chain?n=3'));
    assert.equal(result.body.toString(), 'end of chain');
    assert.deepEqual(result.redirects, [pub('/chain?n=2'), pub('/chain?n=1'), pub('/chain?n=0')]);
    assert.equal(result.finalUrl, pub('/chain?n=0'));
    assert.equal(result.url, pub('/chain?n=3'));
  });

  it('stops a redirect loop and chains longer than maxRedirects with TOO_MANY_REDIRECTS', async () => {
    await rejectsWith(fetcher().fetch(pub('/loop')), 'TOO_MANY_REDIRECTS');
    assert.equal(publicUpstream.hits.length, 6);
    const two = fetcher({ maxRedirects: 2 });
    assert.equal((await two.fetch(pub('/chain?n=2'))).status, 200);
    await rejectsWith(two.fetch(pub('/chain?n=3')), 'TOO_MANY_REDIRECTS');
    await rejectsWith(fetcher().fetch(pub('/chain?n=1'), { maxRedirects: 0 }), 'TOO_MANY_REDIRECTS');
  });

  it('turns POST into GET on 302 and 303, and keeps it on 307', async () => {
    const post = { method: 'POST' as const, body: 'a=1', headers: { 'Content-Type': 'text/plain' } };
    for (const [status, method, body] of [
      ['302', 'GET', ''],
      ['303', 'GET', ''],
      ['307', 'POST', 'a=1'],
      ['308', 'POST', 'a=1'],
    ]) {
      const result = await fetcher().fetch(pub(`/redirect?status=${status}&to=/echo`), post);
      const echoed = JSON.parse(result.body.toString()) as { method: string; body: string };
      assert.deepEqual([echoed.method, echoed.body], [method, body], `after ${status}`);
    }
  });

  it('drops credentials on a redirect to another origin', async () => {
    const headers = { Authorization: 'Bearer secret', 'X-Custom': 'kept' };
    const same = await fetcher().fetch(pub('/redirect?to=/echo'), { headers });
    assert.equal((JSON.parse(same.body.toString()) as { headers: Record<string, string> }).headers.authorization, 'Bearer secret');
    const to = encodeURIComponent(`http://other.test:${port}/echo`);
    const cross = await fetcher().fetch(pub(`/redirect?to=${to}`), { headers });
    const seen = (JSON.parse(cross.body.toString()) as { headers: Record<string, string> }).headers;
    assert.equal(seen.authorization, undefined);
    assert.equal(seen['x-custom'], 'kept');
  });

  it('sends originHeaders to the origin asked for only, and asks a denied host for nothing, redirects included', async () => {
    const originHeaders = { 'X-Site-Key': 'secret' };
    const same = await fetcher().fetch(pub('/redirect?to=/echo'), { originHeaders });
    assert.equal((JSON.parse(same.body.toString()) as { headers: Record<string, string> }).headers['x-site-key'], 'secret');
    const to = encodeURIComponent(`http://other.test:${port}/echo`);
    const cross = await fetcher().fetch(pub(`/redirect?to=${to}`), { originHeaders });
    assert.equal((JSON.parse(cross.body.toString()) as { headers: Record<string, string> }).headers['x-site-key'], undefined);
    const hitsBefore = publicUpstream.hits.length;
    const rules = new SiteRules([], [{ hosts: ['other.test'], deny: true }]);
    const denying = fetcher({ isHostDenied: (host) => rules.forHost(host).deny });
    await rejectsWith(denying.fetch(`http://other.test:${port}/echo`), 'SITE_DENIED');
    await rejectsWith(denying.fetch(`http://other.test.:${port}/echo`), 'SITE_DENIED');
    assert.equal(publicUpstream.hits.length, hitsBefore, 'the denied host was not asked');
    await rejectsWith(denying.fetch(pub(`/redirect?to=${to}`)), 'SITE_DENIED');
    assert.equal(publicUpstream.hits.length, hitsBefore + 1, 'the redirect target was not requested');
  });
});

describe('FetcherService: limits', () => {
  it('cuts an endless body at maxBodyBytes with TOO_LARGE', async () => {
    const started = performance.now();
    await rejectsWith(fetcher({ maxBodyBytes: ONE_MIB }).fetch(pub('/endless')), 'TOO_LARGE');
    assert.ok(performance.now() - started < 5000);
  });

  it('stops a gzip bomb by its decompressed size, without inflating it in memory', async () => {
    assert.ok(gzipBomb.length < ONE_MIB, `the bomb is ${gzipBomb.length} bytes on the wire`);
    const rssBefore = process.memoryUsage().rss;
    await rejectsWith(fetcher({ maxBodyBytes: ONE_MIB }).fetch(pub('/bomb')), 'TOO_LARGE');
    const grown = process.memoryUsage().rss - rssBefore;
    assert.ok(grown < 40 * ONE_MIB, `rss grew by ${Math.round(grown / ONE_MIB)} MiB for a 50 MiB bomb`);
  });

  it('returns decoded bodies of gzip and brotli responses', async () => {
    const gz = await fetcher().fetch(pub('/gzip'));
    assert.equal(gz.body.toString(), 'hello, gzip');
    assert.equal(gz.headers['content-encoding'], undefined);
    assert.equal((await fetcher().fetch(pub('/br'))).body.toString(), 'hello, brotli');
  });

  it('refuses a declared Content-Length above the limit without reading the body', async () => {
    const started = performance.now();
    await rejectsWith(fetcher({ maxBodyBytes: ONE_MIB }).fetch(pub('/declared-huge')), 'TOO_LARGE');
    assert.ok(performance.now() - started < 1000, 'did not wait for the body');
  });

  it('stops a slow-drip body at the total deadline with UPSTREAM_TIMEOUT', async () => {
    const started = performance.now();
    await rejectsWith(fetcher().fetch(pub('/drip'), { timeoutMs: 1000 }), 'UPSTREAM_TIMEOUT');
    const elapsed = performance.now() - started;
    assert.ok(elapsed >= 900 && elapsed < 2000, `took ${elapsed} ms`);
  });

  it('stops waiting for response headers at the total deadline', async () => {
    await rejectsWith(fetcher({ totalTimeoutMs: 500 }).fetch(pub('/silent')), 'UPSTREAM_TIMEOUT');
  });

  it('gives up connecting after connectTimeoutMs, DNS included', async () => {
    const started = performance.now();
    await rejectsWith(fetcher({ resolver: () => new Promise(() => undefined), connectTimeoutMs: 200 }).fetch(pub('/ok')), 'UPSTREAM_TIMEOUT');
    assert.ok(performance.now() - started < 1000);
  });

  it('reports a refused connection and a failed DNS lookup as UPSTREAM_UNREACHABLE', async () => {
    await rejectsWith(fetcher({ allowedPorts: [closedPort] }).fetch(`http://public.test:${closedPort}/`), 'UPSTREAM_UNREACHABLE');
    await rejectsWith(fetcher().fetch(`http://nowhere.test:${port}/`), 'UPSTREAM_UNREACHABLE');
    await rejectsWith(fetcher().fetch(`http://empty.test:${port}/`), 'UPSTREAM_UNREACHABLE');
  });

  it('rejects 4xx and 5xx with UPSTREAM_HTTP_<status>, unless acceptAnyStatus', async () => {
    const error = await rejectsWith(fetcher().fetch(pub('/404')), 'UPSTREAM_HTTP_404');
    assert.equal(error.status, 404);
    const result = await fetcher().fetch(pub('/404'), { acceptAnyStatus: true });
    assert.equal(result.status, 404);
    assert.equal(result.body.toString(), 'not here');
  });

  it('sends the configured user agent and accept header', async () => {
    const result = await fetcher({ userAgent: 'UnfurlTest/1' }).fetch(pub('/echo'), { accept: 'text/html' });
    const seen = (JSON.parse(result.body.toString()) as { headers: Record<string, string> }).headers;
    assert.equal(seen['user-agent'], 'UnfurlTest/1');
    assert.equal(seen.accept, 'text/html');
    assert.equal(seen['accept-encoding'], 'gzip, deflate, br');
  });
});

describe('FetcherService: pooled connections', () => {
  it('reuses one connection for sequential fetches to the same host, and closes it on module shutdown', async () => {
    const pooled = fetcher();
    assert.equal((await pooled.fetch(pub('/ok'))).body.toString(), '<title>public</title>');
    assert.equal((await pooled.fetch(pub('/echo'))).status, 200);
    assert.equal(publicUpstream.connections.length, 1);
    pooled.onApplicationShutdown();
    await closedByClient(publicUpstream.connections[0]);
  });

  it('opens a connection per host name, even for names with the same address', async () => {
    const pooled = fetcher();
    await pooled.fetch(pub('/ok'));
    await pooled.fetch(`http://other.test:${port}/ok`);
    assert.equal(publicUpstream.connections.length, 2);
  });

  it('still refuses a blocked address once a connection to the same port is pooled', async () => {
    const pooled = fetcher();
    await pooled.fetch(pub('/ok'));
    await rejectsWith(pooled.fetch(`http://internal.test:${port}/secret`), 'BLOCKED_ADDRESS');
    await rejectsWith(pooled.fetch(`http://${INTERNAL_IP}:${port}/secret`), 'BLOCKED_ADDRESS');
    assert.deepEqual(internalUpstream.hits, []);
    assert.deepEqual(internalUpstream.connections, []);
  });

  it('keeps a pooled connection on the address it vetted when the host rebinds', async () => {
    const dns = rebinding();
    const pooled = fetcher({ resolver: dns.resolver });
    await pooled.fetch(`http://rebind.test:${port}/ok`);
    assert.equal((await pooled.fetch(`http://rebind.test:${port}/ok`)).body.toString(), '<title>public</title>');
    assert.equal(dns.calls(), 1);
    assert.deepEqual(internalUpstream.hits, []);
  });

  it('sends a GET again on a new connection when the server closed the pooled one', async () => {
    const pooled = fetcher();
    await pooled.fetch(pub('/ok'));
    assert.equal((await pooled.fetch(pub('/reset-when-reused'))).body.toString(), 'fresh connection');
    assert.equal(publicUpstream.connections.length, 2);
    publicUpstream.server.closeIdleConnections();
    await closedByClient(publicUpstream.connections[1]);
    assert.equal((await pooled.fetch(pub('/ok'))).status, 200);
    assert.equal(publicUpstream.connections.length, 3);
  });

  it('closes the connection of an aborted fetch instead of pooling it', async () => {
    const pooled = fetcher();
    const caller = new AbortController();
    const aborted = pooled.fetch(pub('/drip'), { signal: caller.signal });
    await until(async () => (publicUpstream.hits.length > 0 ? true : undefined), 'the request to arrive');
    await sleep(500); // the headers and a few bytes of the body are in
    caller.abort();
    await rejectsWith(aborted, 'UPSTREAM_TIMEOUT');
    await closedByClient(publicUpstream.connections[0]);
    assert.equal((await pooled.fetch(pub('/ok'))).body.toString(), '<title>public</title>');
    assert.equal(publicUpstream.connections.length, 2);
  });

  it('closes the connection of a body cut at the limit, and the next fetch reads its own answer', async () => {
    const pooled = fetcher({ maxBodyBytes: ONE_MIB });
    await rejectsWith(pooled.fetch(pub('/endless')), 'TOO_LARGE');
    await closedByClient(publicUpstream.connections[0]);
    await rejectsWith(pooled.fetch(pub('/declared-huge')), 'TOO_LARGE');
    await closedByClient(publicUpstream.connections[1]);
    await rejectsWith(pooled.fetch(pub('/404')), 'UPSTREAM_HTTP_404');
    assert.equal((await pooled.fetch(pub('/ok'))).body.toString(), '<title>public</title>');
  });
});

describe('FetcherModule', () => {
  it('builds its one policy from the validated configuration, defaults included', async () => {
    const given = { DATABASE_URL: 'postgres://unused/unfurl', FETCH_TIMEOUT_MS: '4321', FETCH_USER_AGENT: 'UnfurlTest/2', FETCH_ALLOW_PRIVATE_ADDRESSES: 'false' };
    const saved = Object.fromEntries(Object.keys(given).map((key) => [key, process.env[key]]));
    Object.assign(process.env, given);
    try {
      const module = await Test.createTestingModule({ imports: [UnfurlConfigModule, FetcherModule] }).compile();
      const policy = module.get<FetchPolicy>(FETCH_POLICY);
      assert.equal(policy.totalTimeoutMs, 4321);
      assert.equal(policy.userAgent, 'UnfurlTest/2');
      assert.equal(policy.connectTimeoutMs, new Environment().FETCH_CONNECT_TIMEOUT_MS);
      assert.deepEqual(policy.allowedPorts, [80, 443, 8080, 8443]);
      await rejectsWith(module.get(FetcherService).fetch(`http://${INTERNAL_IP}/`), 'BLOCKED_ADDRESS');
      await rejectsWith(module.get(FetcherService).fetch(`http://example.com:${port}/`), 'BLOCKED_PORT');
      await module.close();
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });
});
