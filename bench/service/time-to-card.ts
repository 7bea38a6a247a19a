import { Agent, get } from 'node:http';

/**
 * Time to card: the upstream's latency, how many loopback hosts it answers on, and how many clients
 * wait: 64 for throughput; 32, issue 14's "below saturation" for its p50 overhead target; and 16,
 * for a 2-core box that 32 clients already saturate (they ask for up to 107 cards/s).
 */
export const card = { latencyMs: 300, hosts: 32, clients: 64, clientsBelowSaturation: 32, clientsLight: 16 };

/** The most cards/s that `clients` waiting clients can ask for: each waits the upstream's latency at least. */
export const cardsAtMost = (clients: number) => clients / (card.latencyMs / 1000);

/** `count` new URLs spread over the card upstream's hosts (127.0.0.1 … 127.0.0.<hosts>), each asked with `wait`. */
export function cardPaths(port: number, prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const url = `http://127.0.0.${(i % card.hosts) + 1}:${port}/p/${prefix}/${i}`;
    return `/v1/previews?url=${encodeURIComponent(url)}&wait=10000`;
  });
}

export interface CardLoad {
  /** Cards (ready previews) delivered per second. */
  perSecond: number;
  /** Time to card minus the upstream's latency, ms. */
  p50: number;
  p99: number;
  cards: number;
  failed: number;
}

export interface CardOptions {
  baseUrl: string;
  /** Request paths, each a new URL with `wait`. */
  paths: string[];
  connections: number;
  upstreamLatencyMs: number;
  headers?: Record<string, string>;
  /** Every client sends its first request at once, instead of spread over one upstream latency. */
  together?: boolean;
}

function statusOf(text: string): string | undefined {
  try {
    return (JSON.parse(text) as { status?: string }).status;
  } catch {
    return undefined;
  }
}

function request(agent: Agent, url: string, headers: Record<string, string>): Promise<{ code: number; status: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = get(url, { agent, headers, timeout: 30_000 }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ code: response.statusCode ?? 0, status: statusOf(text) }));
      response.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
  });
}

const percentile = (sorted: number[], p: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]);

/**
 * `connections` clients each take the next path and wait for its card, asking again while the
 * answer is 202 (a client that wants the card keeps waiting); the time to card runs from the first
 * request to the 200. Every path is asked once, so the run ends when the last card arrives.
 * Client i sends its first request i/connections of an upstream latency after the first: clients
 * that all start at once stay in step (every card takes the same 300 ms upstream), so they arrive in
 * waves of `connections` cards that all wait for the two extraction threads at the same moment,
 * which measures the wave more than the service (see bench/README.md). `together` keeps the waves.
 */
export async function timeToCard(options: CardOptions): Promise<CardLoad> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const latencies: number[] = [];
  let failed = 0;
  let next = 0;
  const client = async (_: unknown, i: number) => {
    if (!options.together) await new Promise((resolve) => setTimeout(resolve, (i * options.upstreamLatencyMs) / options.connections));
    while (next < options.paths.length) {
      const url = `${options.baseUrl}${options.paths[next++]}`;
      const started = performance.now();
      for (;;) {
        const answer = await request(agent, url, options.headers ?? {}).catch(() => null);
        if (answer?.code === 202) continue;
        if (answer?.code === 200 && answer.status === 'ready') latencies.push(performance.now() - started - options.upstreamLatencyMs);
        else failed += 1;
        break;
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: options.connections }, client));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  const sorted = latencies.toSorted((a, b) => a - b);
  return { perSecond: latencies.length / seconds, p50: Math.round(percentile(sorted, 50)), p99: Math.round(percentile(sorted, 99)), cards: latencies.length, failed };
}
