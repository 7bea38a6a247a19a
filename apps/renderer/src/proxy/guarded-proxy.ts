import { once } from 'node:events';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { PreviewErrorCode } from '@unfurl/contracts';
import { checkUrl, ConnectionGuard, FetchError, type Resolver, type UrlPolicy } from '@unfurl/fetcher';

export interface GuardedProxyOptions {
  /** The fetcher's URL and address policy: the same verdicts as every other outbound request. */
  policy: UrlPolicy;
  resolver: Resolver;
  connectTimeoutMs: number;
  /** Bytes the page may move through the proxy, both directions, all connections together. */
  maxBytes: number;
}

/** A request the proxy did not carry (or cut short), with the FetchError code that says why. */
export interface Refusal {
  /** `hostname:port` (see targetOf), or the raw request target when it was not even a URL. */
  target: string;
  code: string;
}

/** Headers about the hop to the proxy itself, never forwarded. */
const HOP_HEADERS = new Set(['connection', 'proxy-connection', 'keep-alive', 'proxy-authorization', 'proxy-authenticate', 'te', 'trailer', 'upgrade']);

/**
 * The only way out for a browser: an HTTP forward proxy (plain http: requests) and CONNECT tunnels
 * (https:, wss:, ws:), listening on 127.0.0.1. Every target passes the fetcher's checkUrl (scheme,
 * hosts a site rule denies, IP literals, ports) and is dialled through the fetcher's
 * ConnectionGuard, which resolves the host once and vets the address actually connected to. One
 * proxy serves one page: its byte budget, refusals and dialled addresses are that page's.
 */
export class GuardedProxy {
  readonly refusals: Refusal[] = [];
  /** `address:port` of every connection made upstream, in order. */
  readonly dialled: string[] = [];
  private bytes = 0;
  private readonly guard: ConnectionGuard;
  private readonly server: Server;
  private readonly sockets = new Set<Duplex>();

  constructor(private readonly options: GuardedProxyOptions) {
    this.guard = new ConnectionGuard(options.policy, options.resolver, options.connectTimeoutMs);
    this.server = createServer((request, response) => this.forward(request, response));
    this.server.on('connect', (request: IncomingMessage, socket: Duplex, head: Buffer) => this.tunnel(request, socket, head));
    this.server.on('connection', (socket: net.Socket) => this.track(socket));
  }

  /** Starts listening on an ephemeral loopback port; resolves with the proxy's URL for the browser. */
  async listen(): Promise<string> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Cuts every connection, browser side and upstream. */
  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    if (!this.server.listening) return;
    const closed = once(this.server, 'close');
    this.server.close();
    // Keep-alive connections the browser left open would hold close() until they idle out.
    this.server.closeAllConnections();
    await closed;
  }

  /** Bytes carried so far. */
  get used(): number {
    return this.bytes;
  }

  /** True once the budget ran out and the proxy started cutting connections. */
  get exhausted(): boolean {
    return this.refusals.some((r) => r.code === PreviewErrorCode.TooLarge);
  }

  private forward(request: IncomingMessage, response: ServerResponse): void {
    const raw = request.url ?? '';
    let target: URL;
    try {
      target = checkUrl(raw, this.options.policy);
      if (target.protocol !== 'http:') throw new FetchError(PreviewErrorCode.BlockedUrl, 'only http: is forwarded; https: goes through CONNECT');
    } catch (error) {
      return this.refuse(response, URL.canParse(raw) ? targetOf(new URL(raw)) : raw, error);
    }
    const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !HOP_HEADERS.has(name)));
    const upstream = httpRequest({
      host: target.hostname.replace(/^\[|\]$/g, ''),
      port: target.port || 80,
      method: request.method,
      path: `${target.pathname}${target.search}`,
      headers,
      // No agent: with one, Node would ignore createConnection and dial with its own DNS lookup.
      createConnection: (options, callback) => this.guard.connect(options, callback, (o) => this.dial(o as net.TcpNetConnectOpts), 'connect'),
    });
    const key = targetOf(target);
    upstream.on('response', (answer) => {
      const kept = Object.entries(answer.headers).filter(([name]) => !HOP_HEADERS.has(name));
      try {
        // Node's client takes any three digits as a status, but writeHead throws outside 100-599;
        // thrown in this listener, that would end the renderer, and any site can answer 099.
        if (answer.statusCode === undefined || answer.statusCode < 100 || answer.statusCode > 599) throw new RangeError(`status ${answer.statusCode}`);
        response.writeHead(answer.statusCode, Object.fromEntries(kept));
      } catch {
        answer.destroy();
        for (const name of response.getHeaderNames()) response.removeHeader(name);
        return void response.writeHead(502, { 'content-type': 'text/plain', connection: 'close' }).end('the upstream answered what cannot be passed on\n');
      }
      answer.on('data', (chunk: Buffer) => this.count(chunk, key) && response.write(chunk));
      answer.on('end', () => response.end());
      answer.on('error', () => response.destroy());
    });
    upstream.on('error', (error) => this.refuse(response, key, error));
    request.on('data', (chunk: Buffer) => this.count(chunk, key) && upstream.write(chunk));
    request.on('end', () => upstream.end());
    request.on('error', () => upstream.destroy());
    response.on('close', () => upstream.destroy());
  }

  private tunnel(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const authority = request.url ?? '';
    // The browser may reset its side at any moment, refused or not: never an unhandled error.
    socket.on('error', () => socket.destroy());
    let target: URL;
    try {
      // CONNECT names only host:port; checkUrl sees it as the https: URL it stands for.
      target = checkUrl(`https://${authority}/`, this.options.policy);
      if (target.host !== authority.toLowerCase() && `${target.host}:443` !== authority.toLowerCase()) {
        throw new FetchError(PreviewErrorCode.BlockedUrl, 'CONNECT target is not host:port');
      }
    } catch (error) {
      return this.refuseTunnel(socket, authority, error);
    }
    const key = targetOf(target);
    let upstream: net.Socket;
    try {
      upstream = this.guard.connect({ host: target.hostname.replace(/^\[|\]$/g, ''), port: Number(target.port || 443) }, undefined, (o) => this.dial(o), 'connect') as net.Socket;
    } catch (error) {
      return this.refuseTunnel(socket, key, error);
    }
    let established = false;
    upstream.once('connect', () => {
      established = true;
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length && this.count(head, key)) upstream.write(head);
      socket.on('data', (chunk: Buffer) => this.count(chunk, key) && upstream.write(chunk));
      upstream.on('data', (chunk: Buffer) => this.count(chunk, key) && socket.write(chunk));
    });
    upstream.on('error', (error) => (established ? socket.destroy() : this.refuseTunnel(socket, key, error)));
    upstream.on('close', () => socket.destroy());
    socket.on('close', () => upstream.destroy());
  }

  /** Every upstream socket starts here, after the guard has vetted its address. */
  private dial(options: net.TcpNetConnectOpts): Duplex {
    const socket = net.createConnection(options);
    this.track(socket);
    socket.once('connect', () => this.dialled.push(`${socket.remoteAddress}:${socket.remotePort}`));
    return socket;
  }

  /** Adds a chunk to the budget; false (and every connection cut) once the budget is spent. */
  private count(chunk: Buffer, target: string): boolean {
    this.bytes += chunk.length;
    if (this.bytes <= this.options.maxBytes) return true;
    if (!this.exhausted) this.refusals.push({ target, code: PreviewErrorCode.TooLarge });
    for (const socket of this.sockets) socket.destroy();
    return false;
  }

  private track(socket: Duplex): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
  }

  private refuse(response: ServerResponse, target: string, error: unknown): void {
    if (response.headersSent) return void response.destroy();
    this.refusals.push({ target, code: codeOf(error) });
    response.writeHead(403, { 'content-type': 'text/plain', connection: 'close' }).end('refused by the renderer\'s proxy\n');
  }

  private refuseTunnel(socket: Duplex, target: string, error: unknown): void {
    this.refusals.push({ target, code: codeOf(error) });
    if (socket.writable) socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
  }
}

/** `hostname:port`, the port always written: how refusals name their target. */
export function targetOf(url: URL): string {
  return `${url.hostname}:${url.port || (url.protocol === 'https:' ? 443 : 80)}`;
}

function codeOf(error: unknown): string {
  return error instanceof FetchError ? error.code : PreviewErrorCode.UpstreamUnreachable;
}
