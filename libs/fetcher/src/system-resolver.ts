import { Resolver as DnsResolver } from 'node:dns/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { DnsCache, isNoSuchName, type DnsAnswer, type DnsCacheOptions } from './dns-cache';
import type { ResolvedAddress, Resolver } from './fetcher-options';
import { hostsFileReader } from './hosts-file';

export interface SystemResolverOptions {
  /** DNS servers (`ip` or `ip:port`); by default those of /etc/resolv.conf, read once. */
  servers?: string[];
  hostsFile?: string;
  /** How long a query waits for its first answer before it is asked again (c-ares lengthens later tries). */
  timeoutMs?: number;
  tries?: number;
  /** What the DNS answers is kept as DnsCache says (its defaults: 10,000 names, TTLs up to 300 s, "no such name" 30 s). */
  cache?: DnsCacheOptions;
}

/** How long one family's addresses wait for the other family's answer (RFC 8305's resolution delay). */
const RESOLUTION_DELAY_MS = 50;
/** RFC 6761: localhost names are the loopback addresses, never asked of the DNS. */
const LOOPBACK: ResolvedAddress[] = [
  { address: '127.0.0.1', family: 4 },
  { address: '::1', family: 6 },
];

interface Answer {
  family: 4 | 6;
  addresses: ResolvedAddress[];
  ttlSeconds: number;
  error?: unknown;
}

/**
 * The resolver outbound connections use by default: the hosts file first, as the system's resolver
 * does, then the DNS servers asked directly (c-ares, A and AAAA at once, on the event loop). Not
 * `dns.lookup`: that is getaddrinfo on libuv's thread pool of 4, so four host names whose name
 * servers never answer would hold every thread for the system's resolver timeout (5 s a try) and
 * stall every other lookup behind them, and the pool's file and crypto work too. Written here rather
 * than taken from a caching-lookup package, since those fall back to `dns.lookup`. A name that only
 * the system's search domains or other name services know is not found (give its full name). The
 * answers are kept for their TTL (DnsCache): containers seldom run a caching resolver, and the
 * fetches of one preview (robots.txt, the page, its oEmbed) and of a burst often share hosts.
 */
export function createSystemResolver({ servers, hostsFile = '/etc/hosts', timeoutMs = 1_000, tries = 3, cache }: SystemResolverOptions = {}): Resolver {
  const dns = new DnsResolver({ timeout: timeoutMs, tries });
  if (servers) dns.setServers(servers);
  const hosts = hostsFileReader(hostsFile);
  const answers = new DnsCache(cache);
  return async (hostname) => {
    const name = hostname.toLowerCase().replace(/\.+$/, '');
    if (name === 'localhost' || name.endsWith('.localhost')) return LOOPBACK;
    return (await hosts()).get(name) ?? answers.lookup(name, () => fromDns(dns, name));
  };
}

let defaultResolver: Resolver | undefined;

/** The default Resolver (createSystemResolver with the system's servers and hosts file), made on first use. */
export function systemResolver(hostname: string): Promise<ResolvedAddress[]> {
  defaultResolver ??= createSystemResolver();
  return defaultResolver(hostname);
}

/**
 * Every address of `name`, IPv4 first, with the shortest TTL among them; the first family to answer
 * with addresses waits RESOLUTION_DELAY_MS at most for the other.
 */
async function fromDns(dns: DnsResolver, name: string): Promise<DnsAnswer> {
  const queries = [query(dns.resolve4(name, { ttl: true }), 4), query(dns.resolve6(name, { ttl: true }), 6)];
  const first = await Promise.race(queries);
  const other = queries[first.family === 4 ? 1 : 0];
  const notYet: Answer = { family: first.family === 4 ? 6 : 4, addresses: [], ttlSeconds: Infinity };
  const second = first.addresses.length > 0 ? await Promise.race([other, delay(RESOLUTION_DELAY_MS, notYet, { ref: false })]) : await other;
  const [four, six] = first.family === 4 ? [first, second] : [second, first];
  const addresses = [...four.addresses, ...six.addresses];
  const failures = [four.error, six.error].filter((error) => error !== undefined);
  // An empty answer without an error is not kept (TTL 0): it is not a DNS "no such name".
  if (addresses.length > 0 || failures.length === 0) return { addresses, ttlSeconds: addresses.length > 0 ? Math.min(four.ttlSeconds, six.ttlSeconds) : 0 };
  // A timeout or a refusal says more than the other family's "no such record".
  throw failures.find((error) => !isNoSuchName(error)) ?? failures[0];
}

/** One family's addresses and their shortest TTL (Infinity when it has none: the other family's decides). */
function query(answer: Promise<Array<{ address: string; ttl: number }>>, family: 4 | 6): Promise<Answer> {
  return answer.then(
    (records) => ({ family, addresses: records.map(({ address }) => ({ address, family })), ttlSeconds: Math.min(...records.map(({ ttl }) => ttl)) }),
    (error: unknown) => ({ family, addresses: [], ttlSeconds: Infinity, error }),
  );
}
