import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, request, type Server } from 'node:http';
import { connect, createServer as createTcpServer, type AddressInfo, type Server as TcpServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { SiteRules } from '@unfurl/config';
import { isAddressAllowed, type ResolvedAddress } from '@unfurl/fetcher';
import { GuardedProxy } from './guarded-proxy';

// As in the fetcher's tests: the "public" site on 127.0.0.2 (declared public by these tests only),
// the internal service on 127.0.0.1 on the same port, counting every connection that reaches it.
const SITE_IP = '127.0.0.2';
const INTERNAL_IP = '127.0.0.1';
// denied.test is a public site too, but a site rule denies it (isHostDenied below).
const rules = new SiteRules([], [{ hosts: ['denied.test'], deny: true }]);
const hosts: Record<string, string> = { 'site.test': SITE_IP, 'denied.test': SITE_IP, 'internal.test': INTERNAL_IP, 'metadata.test': '169.254.169.254' };
const resolver = async (hostname: string): Promise<ResolvedAddress[]> => {
  if (!hosts[hostname]) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
  return [{ address: hosts[hostname], family: 4 }];
};

/** A plain-http request through the proxy (absolute-form target, as browsers send it). */
async function get(proxyUrl: string, target: string): Promise<{ status: number; body: string }> {
  const { hostname, port: proxyPort } = new URL(proxyUrl);
  const req = request({ host: hostname, port: proxyPort, path: target, headers: { host: new URL(target).host } }).end();
  const [response] = (await once(req, 'response')) as [import('node:http').IncomingMessage];
  const chunks: Buffer[] = [];
  response.on('data', (c: Buffer) => chunks.push(c));
  await once(response, 'end').catch(() => undefined);
  return { status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() };
}

/** The proxy's answer line to a CONNECT. */
async function tunnel(proxyUrl: string, authority: string): Promise<string> {
  const socket = connect(Number(new URL(proxyUrl).port), '127.0.0.1');
  socket.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n\r\n`);
  const [data] = (await once(socket, 'data')) as [Buffer];
  socket.destroy();
  return data.toString().split('\r\n')[0];
}

describe('GuardedProxy', () => {
  let port = 0;
  let site: Server;
  let internal: TcpServer;
  let internalConnections = 0;

  const proxy = (maxBytes = 1024 * 1024, ports: number[] = []) =>
    new GuardedProxy({ policy: { allowPrivateAddresses: false, allowedPorts: [80, 443, port, ...ports], maxUrlLength: 2048, isAddressAllowed: (ip) => ip === SITE_IP || isAddressAllowed(ip, { allowPrivateAddresses: false }), isHostDenied: (host) => rules.forHost(host).deny }, resolver, connectTimeoutMs: 1_000, maxBytes });

  before(async () => {
    site = createServer((req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end(req.url === '/big' ? 'x'.repeat(64 * 1024) : 'site'));
    site.listen(0, SITE_IP);
    await once(site, 'listening');
    port = (site.address() as AddressInfo).port;
    internal = createTcpServer((socket) => {
      internalConnections += 1;
      socket.destroy();
    });
    internal.listen(port, INTERNAL_IP);
    await once(internal, 'listening');
  });

  after(() => {
    site.close();
    internal.close();
  });

  it('forwards plain http to a public address, resolving the host itself', async () => {
    const guarded = proxy();
    const answer = await get(await guarded.listen(), `http://site.test:${port}/`);
    await guarded.close();
    assert.deepEqual(answer, { status: 200, body: 'site' });
    assert.deepEqual(guarded.dialled, [`${SITE_IP}:${port}`]);
    assert.deepEqual(guarded.refusals, []);
  });

  it('answers 502 for a status Node cannot pass on (below 100), and goes on serving', { timeout: 10_000 }, async () => {
    const odd = createTcpServer((socket) => {
      socket.on('error', () => socket.destroy());
      socket.once('data', () => socket.end(`HTTP/1.1 099 Odd\r\nContent-Length: 2\r\n\r\nok`));
    });
    odd.listen(0, SITE_IP);
    await once(odd, 'listening');
    const oddPort = (odd.address() as AddressInfo).port;
    const guarded = proxy(undefined, [oddPort]);
    try {
      const url = await guarded.listen();
      assert.equal((await get(url, `http://site.test:${oddPort}/`)).status, 502);
      assert.deepEqual(await get(url, `http://site.test:${port}/`), { status: 200, body: 'site' });
    } finally {
      await guarded.close();
      odd.close();
    }
  });

  it('refuses internal and metadata targets, by literal or by the address a name resolves to', async () => {
    const guarded = proxy();
    const url = await guarded.listen();
    for (const target of [`http://internal.test:${port}/`, `http://${INTERNAL_IP}:${port}/`, 'http://169.254.169.254/latest/meta-data/', 'http://metadata.test/']) {
      assert.equal((await get(url, target)).status, 403, target);
    }
    assert.match(await tunnel(url, `internal.test:${port}`), / 403 /);
    assert.match(await tunnel(url, `${INTERNAL_IP}:${port}`), / 403 /);
    assert.match(await tunnel(url, '169.254.169.254:443'), / 403 /);
    await guarded.close();
    assert.equal(internalConnections, 0);
    assert.deepEqual(guarded.dialled, []);
    assert.deepEqual(new Set(guarded.refusals.map((r) => r.code)), new Set(['BLOCKED_ADDRESS']));
  });

  it('refuses a host that a site rule denies, plain http and CONNECT, without dialling it', async () => {
    const guarded = proxy();
    const url = await guarded.listen();
    // The spelling with a trailing dot names the same host in DNS.
    const answers = await Promise.all([
      get(url, `http://denied.test:${port}/`),
      get(url, `http://denied.test.:${port}/`),
      tunnel(url, `denied.test:${port}`),
      tunnel(url, `denied.test.:${port}`),
    ]).finally(() => guarded.close());
    assert.deepEqual(answers.map((answer) => (typeof answer === 'string' ? answer.split(' ')[1] : answer.status)), [403, 403, '403', '403']);
    assert.deepEqual(guarded.dialled, []);
    assert.deepEqual(guarded.refusals.map((refusal) => refusal.code), ['SITE_DENIED', 'SITE_DENIED', 'SITE_DENIED', 'SITE_DENIED']);
  });

  it('refuses ports outside the allowed ones and CONNECT targets that are not host:port', async () => {
    const guarded = proxy();
    const url = await guarded.listen();
    assert.equal((await get(url, 'http://site.test:25/')).status, 403);
    assert.match(await tunnel(url, 'site.test:22'), / 403 /);
    assert.match(await tunnel(url, `site.test:${port}/path@internal.test`), / 403 /);
    await guarded.close();
    assert.deepEqual(guarded.refusals.map((r) => r.code), ['BLOCKED_PORT', 'BLOCKED_PORT', 'BLOCKED_URL']);
  });

  it('opens CONNECT tunnels to public addresses only', async () => {
    const guarded = proxy();
    assert.match(await tunnel(await guarded.listen(), `site.test:${port}`), / 200 /);
    await guarded.close();
    assert.deepEqual(guarded.dialled, [`${SITE_IP}:${port}`]);
  });

  it('cuts the page off once its byte budget is spent', async () => {
    const guarded = proxy(16 * 1024);
    const answer = await get(await guarded.listen(), `http://site.test:${port}/big`).catch(() => ({ status: 0, body: '' }));
    await guarded.close();
    assert.ok(answer.body.length <= 16 * 1024, `${answer.body.length} bytes got through`);
    assert.equal(guarded.exhausted, true);
    assert.ok(guarded.used > 16 * 1024);
  });
});
