import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from './schema';

export type { components, operations, paths } from './schema';
export type Preview = components['schemas']['PreviewDto'];
export type PreviewMetadata = components['schemas']['PreviewMetadata'];
export type Batch = components['schemas']['BatchDto'];
/** Every refused request's answer (RFC 9457 problem+json): the `error` of a call. Branch on `code`. */
export type Problem = components['schemas']['ProblemDto'];
export type ProblemCode = components['schemas']['ProblemCode'];
export type UnfurlClient = Client<paths>;

export interface UnfurlClientOptions {
  /** Sent as `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** A fetch to use instead of the global one (tests, instrumentation). */
  fetch?: typeof globalThis.fetch;
}

/**
 * A typed client of the Unfurl API, generated from its OpenAPI description: paths, parameters
 * and answers are checked by the compiler. `GET /v1/previews/{id}/events` is an event stream:
 * read it with `EventSource` or `fetch`, not through this client.
 *
 * ```ts
 * const unfurl = createUnfurlClient('http://localhost:3000', { apiKey });
 * const { data, error, response } = await unfurl.GET('/v1/previews', { params: { query: { url, wait: 5000, lang: 'fr' } } });
 * if (error) console.log(error.code); // a Problem
 * response.headers.get('Unfurl-Cache'); // HIT | STALE | MISS | REFRESH | BYPASS
 * ```
 */
export function createUnfurlClient(baseUrl: string, options: UnfurlClientOptions = {}): UnfurlClient {
  return createClient<paths>({
    baseUrl: baseUrl.replace(/\/+$/, ''),
    headers: options.apiKey ? { Authorization: `Bearer ${options.apiKey}` } : undefined,
    fetch: options.fetch,
  });
}
