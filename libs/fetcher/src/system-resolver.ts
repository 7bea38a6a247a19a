import { Resolver as DnsResolver } from 'node:dns/promises';
import { setTimeout as delay } from 'node:timers/promises';
import type { ResolvedAddress, Resolver } from './fetcher-options';
import { hostsFileReader } from './hosts-file';

export interface SystemResolverOptions {
  /** DNS servers (`ip` or `ip:port`); by default those of /etc/resolv.conf, read once. */
  servers?: string[];
  hostsFile?: string;
  /** How long a query waits for its first answer before it is asked again (c-ares lengthens later tries). */
  timeoutMs?: number;
  tries?: number;
}

/** How long one family's addresses wait for the other family's answer (RFC 8305's resolution delay). */
const RESOLUTION_DELAY_MS = 50;
/** RFC 6761: localhost names are the loopback addresses, never asked of the DNS. */
const LOOPBACK: ResolvedAddress[] = [
  { address: '127.0.0.1', family: 4 },
  { address: '::1', family: 6 },
];
/** DNS answers that only say "no such record", as opposed to a server that failed or never answered. */
const NO_RECORD = new Set(['ENODATA', 'ENOTFOUND']);

interface Answer {
  family: 4 | 6;
  addresses: ResolvedAddress[];
  error?: unknown;
}

/**
 * The resolver outbound connections use by default: the hosts file first, as the system's resolver
 * does, then the DNS servers asked directly (c-ares, A and AAAA at once, on the event loop). Not
 * `dns.lookup`: that is getaddrinfo on libuv's thread pool of 4, so four host names whose name
 * servers never answer would hold every thread for the system's resolver timeout (5 s a try) and
 * stall every other lookup behind them, and the pool's file and crypto work too. Written here rather
 * than taken from a caching-lookup package, since those fall back to `dns.lookup`. A name that only
 * the system's search domains or other name services know is not found (give its full name).
 */
export function createSystemResolver({ servers, hostsFile = '/etc/hosts', timeoutMs = 1_000, tries = 3 }: SystemResolverOptions = {}): Resolver {
  const dns = new DnsResolver({ timeout: timeoutMs, tries });
  if (servers) dns.setServers(servers);
  const hosts = hostsFileReader(hostsFile);
  return async (hostname) => {
    const name = hostname.toLowerCase().replace(/\.+$/, '');
    if (name === 'localhost' || name.endsWith('.localhost')) return LOOPBACK;
    return (await hosts()).get(name) ?? fromDns(dns, name);
  };
}

let defaultResolver: Resolver | undefined;

/** The default Resolver (createSystemResolver with the system's servers and hosts file), made on first use. */
export function systemResolver(hostname: string): Promise<ResolvedAddress[]> {
  defaultResolver ??= createSystemResolver();
  return defaultResolver(hostname);
}

/** Every address of `name`, IPv4 first; the first family to answer with addresses waits RESOLUTION_DELAY_MS at most for the other. */
async function fromDns(dns: DnsResolver, name: string): Promise<ResolvedAddress[]> {
  const queries = [query(dns.resolve4(name), 4), query(dns.resolve6(name), 6)];
  const first = await Promise.race(queries);
  const other = queries[first.family === 4 ? 1 : 0];
  const notYet: Answer = { family: first.family === 4 ? 6 : 4, addresses: [] };
  const second = first.addresses.length > 0 ? await Promise.race([other, delay(RESOLUTION_DELAY_MS, notYet, { ref: false })]) : await other;
  const [four, six] = first.family === 4 ? [first, second] : [second, first];
  const addresses = [...four.addresses, ...six.addresses];
  const failures = [four.error, six.error].filter((error) => error !== undefined);
  if (addresses.length > 0 || failures.length === 0) return addresses;
  // A timeout or a refusal says more than the other family's "no such record".
  throw failures.find((error) => !NO_RECORD.has((error as { code?: string }).code ?? '')) ?? failures[0];
}

function query(answer: Promise<string[]>, family: 4 | 6): Promise<Answer> {
  return answer.then(
    (list) => ({ family, addresses: list.map((address) => ({ address, family })) }),
    (error: unknown) => ({ family, addresses: [], error }),
  );
}
