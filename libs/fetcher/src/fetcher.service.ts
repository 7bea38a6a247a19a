import type { ClientRequest } from 'node:http';
import type { Readable } from 'node:stream';
import { HttpService } from '@nestjs/axios';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { PreviewErrorCode } from '@unfurl/contracts';
import type { AxiosResponse } from 'axios';
import { checkUrl, type UrlPolicy } from './check-url';
import { ConnectionGuard } from './connection-guard';
import { FetchError } from './fetch-error';
import { FETCH_POLICY } from './fetch-policy';
import type { FetcherOptions, Resolver } from './fetcher-options';
import { GuardedHttpAgent, GuardedHttpsAgent } from './guarded-agents';
import { systemResolver } from './system-resolver';

export interface FetchOptions {
  /** Accept header; default: any type. */
  accept?: string;
  maxBodyBytes?: number;
  /** Deadline for this fetch (all hops and the body); default `totalTimeoutMs`. */
  timeoutMs?: number;
  method?: 'GET' | 'POST';
  body?: string | Buffer;
  headers?: Record<string, string>;
  /** Resolve with 4xx/5xx responses (and read their body) instead of throwing UPSTREAM_HTTP_<status>. */
  acceptAnyStatus?: boolean;
  /** Default `maxRedirects` of the module; webhooks pass 0. */
  maxRedirects?: number;
  /** Headers sent only to the origin of `url`: dropped, like credentials, once a redirect leaves it (a site rule's secrets). */
  originHeaders?: Record<string, string>;
  /** The caller's own deadline or cancellation (a job's): aborts the request and the body read, as UPSTREAM_TIMEOUT. */
  signal?: AbortSignal;
}

export interface FetchResult {
  /** The URL as requested. */
  url: string;
  /** The URL that produced the body, after redirects. */
  finalUrl: string;
  status: number;
  /** Lower-cased names; repeated headers joined with ", "; content-encoding removed once decoded. */
  headers: Record<string, string>;
  /** The raw Content-Type header, or null. */
  contentType: string | null;
  /** Decoded (decompressed) bytes; charset decoding is the caller's business. */
  body: Buffer;
  /** Every URL redirected to, in order; the last one is finalUrl. */
  redirects: string[];
}

/** One request of a fetch: the first, or a redirect hop. */
interface Outbound {
  url: URL;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  data: string | Buffer | undefined;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Dropped when a redirect leaves the origin, as browsers do. */
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];
/** Only what axios decodes is advertised, so the body limit always counts decoded bytes. */
const ACCEPT_ENCODING = 'gzip, deflate, br';

/**
 * Every outbound HTTP request of the project (pages, oEmbed, webhooks) goes through here. Each hop's
 * URL passes checkUrl; each connection's address is vetted where it is used (ConnectionGuard);
 * redirects are followed here, never by axios, so they get the same checks; one deadline covers all
 * hops and the body; the body is counted as it streams, after decompression.
 *
 * A final status >= 400 rejects with FetchError `UPSTREAM_HTTP_<status>` (body not read) unless
 * `acceptAnyStatus` is set.
 */
@Injectable()
export class FetcherService implements OnApplicationShutdown {
  private readonly policy: UrlPolicy;
  private readonly httpAgent: GuardedHttpAgent;
  private readonly httpsAgent: GuardedHttpsAgent;

  constructor(
    private readonly http: HttpService,
    @Inject(FETCH_POLICY) private readonly options: FetcherOptions,
  ) {
    this.policy = options;
    const resolver: Resolver = options.resolver ?? systemResolver;
    const guard = new ConnectionGuard(options, resolver, options.connectTimeoutMs);
    this.httpAgent = new GuardedHttpAgent(guard);
    this.httpsAgent = new GuardedHttpsAgent(guard);
  }

  /**
   * Closes the pooled connections and any still in use, hence at application shutdown: after the
   * processors' beforeApplicationShutdown has let the jobs in flight finish (onModuleDestroy comes before it).
   */
  onApplicationShutdown(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  async fetch(url: string, options: FetchOptions = {}): Promise<FetchResult> {
    const maxRedirects = options.maxRedirects ?? this.options.maxRedirects;
    const maxBodyBytes = options.maxBodyBytes ?? this.options.maxBodyBytes;
    const timeoutMs = options.timeoutMs ?? this.options.totalTimeoutMs;

    const deadline = new AbortController();
    const timer = setTimeout(
      () => deadline.abort(new FetchError(PreviewErrorCode.UpstreamTimeout, `no complete answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const originHeaders = lowerCaseNames(options.originHeaders ?? {});
    const signal = options.signal ? AbortSignal.any([deadline.signal, options.signal]) : deadline.signal;
    let headers: Record<string, string> = {
      'user-agent': this.options.userAgent,
      accept: options.accept ?? '*/*',
      ...lowerCaseNames(options.headers ?? {}),
      ...originHeaders,
      'accept-encoding': ACCEPT_ENCODING,
    };
    let method = options.method ?? 'GET';
    let body = options.body;
    const redirects: string[] = [];
    try {
      let current = checkUrl(url, this.policy);
      for (;;) {
        if (signal.aborted) throw signal.reason;
        const response = await this.send({ url: current, method, headers, data: body }, signal);
        const status = response.status;
        const location = response.headers['location'];
        if (REDIRECT_STATUSES.has(status) && typeof location === 'string' && location) {
          discard(response);
          if (redirects.length >= maxRedirects) {
            throw new FetchError(PreviewErrorCode.TooManyRedirects, `more than ${maxRedirects} redirects`);
          }
          const next = this.redirectTarget(location, current);
          if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) {
            method = 'GET';
            body = undefined;
            headers = withoutHeaders(headers, ['content-type', 'content-length']);
          }
          if (next.origin !== current.origin) headers = withoutHeaders(headers, [...CREDENTIAL_HEADERS, ...Object.keys(originHeaders)]);
          redirects.push(next.href);
          current = next;
          continue;
        }
        if (status >= 400 && !options.acceptAnyStatus) {
          discard(response);
          throw FetchError.httpStatus(status, current.href);
        }
        return {
          url,
          finalUrl: current.href,
          status,
          headers: headerRecord(response),
          contentType: typeof response.headers['content-type'] === 'string' ? response.headers['content-type'] : null,
          body: await readBody(response, maxBodyBytes, signal),
          redirects,
        };
      }
    } catch (error) {
      throw toFetchError(error, deadline.signal, options.signal);
    } finally {
      clearTimeout(timer);
    }
  }

  private redirectTarget(location: string, base: URL): URL {
    let target: URL;
    try {
      target = new URL(location, base);
    } catch {
      throw new FetchError(PreviewErrorCode.BlockedUrl, 'redirect to an invalid URL');
    }
    target.hash = '';
    return checkUrl(target.href, this.policy);
  }

  /**
   * A pooled connection the server closed as it was picked fails before any answer; a GET is then
   * sent once more, on a new connection (Node's advice for keep-alive clients).
   */
  private async send(request: Outbound, signal: AbortSignal): Promise<AxiosResponse<Readable>> {
    try {
      return await this.request(request, signal);
    } catch (error) {
      if (request.method !== 'GET' || !isStaleConnection(error)) throw error;
      return this.request(request, signal);
    }
  }

  private request({ url, method, headers, data }: Outbound, signal: AbortSignal): Promise<AxiosResponse<Readable>> {
    return this.http.axiosRef.request<Readable>({
      url: url.href,
      method,
      headers,
      data,
      signal,
      responseType: 'stream',
      decompress: true,
      // Redirects are followed by fetch() so that every hop is checked.
      maxRedirects: 0,
      // HTTP(S)_PROXY in the environment must not route requests around the guarded agents.
      proxy: false,
      httpAgent: this.httpAgent,
      httpsAgent: this.httpsAgent,
      maxContentLength: -1,
      maxBodyLength: -1,
      validateStatus: null,
    });
  }
}

function lowerCaseNames(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

function withoutHeaders(headers: Record<string, string>, names: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !names.includes(name)));
}

function headerRecord(response: AxiosResponse): Record<string, string> {
  const record: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (value === undefined || value === null) continue;
    record[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return record;
}

/** A request that a reused connection's close ended before any answer. */
function isStaleConnection(error: unknown): boolean {
  const { code, request, response } = error as { code?: unknown; request?: ClientRequest; response?: unknown };
  return code === 'ECONNRESET' && request?.reusedSocket === true && response === undefined;
}

/** Closes a response whose body is not (fully) wanted, and its connection: it never goes back to the pool. */
function discard(response: AxiosResponse<Readable>): void {
  response.data.destroy();
  (response.request as ClientRequest | undefined)?.destroy();
}

async function readBody(response: AxiosResponse<Readable>, maxBytes: number, signal: AbortSignal): Promise<Buffer> {
  const stream = response.data;
  const encoding = response.headers['content-encoding'];
  if (typeof encoding === 'string' && encoding.toLowerCase() !== 'identity') {
    discard(response);
    throw new FetchError(PreviewErrorCode.UnsupportedContent, `content-encoding ${encoding} is not supported`);
  }
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    discard(response);
    throw new FetchError(PreviewErrorCode.TooLarge, `body of ${declared} bytes is over the limit of ${maxBytes}`);
  }
  const onAbort = () => stream.destroy(signal.reason as Error);
  signal.addEventListener('abort', onAbort, { once: true });
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    if (signal.aborted) throw signal.reason;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) throw new FetchError(PreviewErrorCode.TooLarge, `body is over the limit of ${maxBytes} bytes`);
      chunks.push(chunk);
    }
  } catch (error) {
    discard(response);
    throw error;
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  // Read to the end: the connection goes back to the pool.
  return Buffer.concat(chunks, size);
}

function findFetchError(error: unknown): FetchError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    if (current instanceof FetchError) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'ERR_BAD_RESPONSE' && code !== 'ERR_NETWORK') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function toFetchError(error: unknown, deadline: AbortSignal, caller: AbortSignal | undefined): FetchError {
  const known = findFetchError(error);
  if (known) return known;
  if (deadline.aborted) return deadline.reason as FetchError;
  if (caller?.aborted) return new FetchError(PreviewErrorCode.UpstreamTimeout, 'fetch aborted: the job ran out of time', undefined, { cause: caller.reason });
  const code = errorCode(error);
  const detail = error instanceof Error ? error.message : String(error);
  if (code === 'ETIMEDOUT') return new FetchError(PreviewErrorCode.UpstreamTimeout, detail, undefined, { cause: error });
  // Refused or reset connections, TLS failures, malformed responses: the upstream could not be read.
  if (code?.startsWith('Z_')) {
    return new FetchError(PreviewErrorCode.UnsupportedContent, `body could not be decoded: ${detail}`, undefined, { cause: error });
  }
  return new FetchError(PreviewErrorCode.UpstreamUnreachable, detail, undefined, { cause: error });
}
