import autocannon from 'autocannon';

export interface Load {
  /** Completed requests per second. */
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  failed: number;
  /** The failed requests by status code, or `error` / `timeout` for those that got no answer. */
  refused: Record<string, number>;
}

export interface LoadOptions {
  baseUrl: string;
  /** Request paths, taken in turn. */
  paths: string[];
  connections: number;
  durationS?: number;
  amount?: number;
  /** Fixed offered rate (req/s over all connections); latency is then corrected for coordinated omission. */
  rate?: number;
  headers?: Record<string, string>;
}

/** Drives HTTP load at 127.0.0.1 with autocannon; bounded by a duration or a request count. */
export async function drive(options: LoadOptions): Promise<Load> {
  let next = 0;
  const result = await autocannon({
    url: options.baseUrl,
    connections: options.connections,
    // autocannon rejects keys that are present but undefined.
    ...(options.amount === undefined ? { duration: options.durationS ?? 10 } : { amount: options.amount }),
    ...(options.rate === undefined ? {} : { overallRate: options.rate }),
    timeout: 30,
    headers: options.headers,
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => {
          request.path = options.paths[next++ % options.paths.length];
          return request;
        },
      },
    ],
  });
  // Only successes count as throughput: a shed 503 is fast but serves nobody.
  const requests = result['2xx'] + result.non2xx;
  const refused: Record<string, number> = {};
  for (const [code, { count }] of Object.entries(result.statusCodeStats ?? {})) if (!code.startsWith('2') && count > 0) refused[code] = count;
  if (result.errors > 0) refused.error = result.errors;
  if (result.timeouts > 0) refused.timeout = result.timeouts;
  return { rps: result['2xx'] / result.duration, p50: result.latency.p50, p99: result.latency.p99, requests, failed: result.non2xx + result.errors + result.timeouts, refused };
}

/** "52 x 503, 1 x timeout" for a table cell; "none" when every request got a 2xx. */
export function describeRefused(load: Load): string {
  const parts = Object.entries(load.refused).map(([code, n]) => `${n} x ${code}`);
  return parts.length > 0 ? parts.join(', ') : 'none';
}
