import type { ResolvedAddress } from './fetcher-options';

/** What the DNS said of a name: its addresses, and the shortest TTL of the records that gave them. */
export interface DnsAnswer {
  addresses: ResolvedAddress[];
  ttlSeconds: number;
}

export interface DnsCacheOptions {
  /** Names kept; past it the least recently used goes. */
  maxNames?: number;
  /** The longest an answer is kept, whatever its TTL: a host that moves is followed within it. */
  maxTtlSeconds?: number;
  /** How long "no such name" is kept (RFC 2308 negative caching, with a fixed time: c-ares does not give the SOA's). */
  negativeTtlSeconds?: number;
}

type Entry = { expiresAt: number; addresses: ResolvedAddress[] } | { expiresAt: number; error: unknown };

/** DNS answers that say the name or its records do not exist, as opposed to a server that failed or never answered. */
const NO_SUCH_NAME = new Set(['ENODATA', 'ENOTFOUND']);

export function isNoSuchName(error: unknown): boolean {
  return NO_SUCH_NAME.has((error as { code?: unknown } | null)?.code as string);
}

/**
 * Answers by name for as long as their TTL says (at most `maxTtlSeconds`), "no such name" for
 * `negativeTtlSeconds`, and one query at a time per name: the jobs of a burst to one new host share
 * its lookup. A timeout or a server failure is never kept. An answer with TTL 0 is not kept either,
 * so a name whose owner wants every connection to ask again gets that; the addresses are vetted at
 * every connection whatever their source (ConnectionGuard).
 */
export class DnsCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<ResolvedAddress[]>>();
  private readonly maxNames: number;
  private readonly maxTtlMs: number;
  private readonly negativeTtlMs: number;

  constructor({ maxNames = 10_000, maxTtlSeconds = 300, negativeTtlSeconds = 30 }: DnsCacheOptions = {}) {
    this.maxNames = maxNames;
    this.maxTtlMs = maxTtlSeconds * 1000;
    this.negativeTtlMs = negativeTtlSeconds * 1000;
  }

  /** The kept answer for `name`, the one being asked for, or `ask()`'s. */
  async lookup(name: string, ask: () => Promise<DnsAnswer>): Promise<ResolvedAddress[]> {
    const kept = this.entries.get(name);
    if (kept && kept.expiresAt > performance.now()) {
      this.keep(name, kept);
      if ('error' in kept) throw kept.error;
      return kept.addresses;
    }
    let answer = this.inFlight.get(name);
    if (!answer) {
      answer = this.ask(name, ask).finally(() => this.inFlight.delete(name));
      this.inFlight.set(name, answer);
    }
    return answer;
  }

  private async ask(name: string, ask: () => Promise<DnsAnswer>): Promise<ResolvedAddress[]> {
    try {
      const { addresses, ttlSeconds } = await ask();
      if (ttlSeconds > 0) this.keep(name, { expiresAt: performance.now() + Math.min(ttlSeconds * 1000, this.maxTtlMs), addresses });
      else this.entries.delete(name);
      return addresses;
    } catch (error) {
      if (isNoSuchName(error)) this.keep(name, { expiresAt: performance.now() + this.negativeTtlMs, error });
      else this.entries.delete(name);
      throw error;
    }
  }

  /** Map order is recency order: the name goes to the end, away from eviction. */
  private keep(name: string, entry: Entry): void {
    this.entries.delete(name);
    this.entries.set(name, entry);
    if (this.entries.size > this.maxNames) this.entries.delete(this.entries.keys().next().value as string);
  }
}
