import { Resolver as DnsResolver } from 'node:dns/promises';
import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import type { ResolvedAddress, Resolver } from './fetcher-options';

export interface SystemResolverOptions {
  /** DNS servers (`ip` or `ip:port`); by default those of /etc/resolv.conf. */
  servers?: string[];
  hostsFile?: string;
  /** How long a query waits for its first answer before it is asked again (c-ares lengthens later tries). */
  timeoutMs?: number;
  tries?: number;
}

/** How long an IPv4 answer waits for the AAAA one (Happy Eyeballs' resolution delay, RFC 8305). */
const RESOLUTION_DELAY_MS = 50;
/** How long a reading of the hosts file is used before it is read again. */
const HOSTS_FILE_TTL_MS = 30_000;
/** RFC 6761: localhost names are the loopback addresses, never asked of the DNS. */
const LOOPBACK: ResolvedAddress[] = [
  { address: '127.0.0.1', family: 4 },
  { address: '::1', family: 6 },
];

type Settled<T> = { value: T } | { error: unknown };

/**
 * The resolver outbound connections use by default: the hosts file first, as the system's resolver
 * does, then the DNS servers asked directly (c-ares, A and AAAA at once, on the event loop). Not
 * `dns.lookup`: that is getaddrinfo on libuv's thread pool of 4, so four host names whose name
 * servers never answer would hold every thread for the system's resolver timeout (5 s a try) and
 * stall every other lookup behind them, and the pool's file and crypto work too. A name that only
 * the system's search domains or other name services know is not found here (give its full name).
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

async function fromDns(dns: DnsResolver, name: string): Promise<ResolvedAddress[]> {
  const a = settle(dns.resolve4(name));
  const aaaa = settle(dns.resolve6(name));
  const four = await a;
  // A name with IPv4 addresses does not wait for an AAAA query its servers are slow to answer, or drop.
  const six = 'value' in four && four.value.length > 0 ? await Promise.race([aaaa, delay(RESOLUTION_DELAY_MS, { value: [] }, { ref: false })]) : await aaaa;
  const addresses = [...addressesOf(four, 4), ...addressesOf(six, 6)];
  if (addresses.length > 0 || ('value' in four && 'value' in six)) return addresses;
  // The more telling failure: a timeout or refusal says more than the other family's "no such record".
  const failures = [four, six].flatMap((one) => ('error' in one ? [one.error] : []));
  throw failures.find((error) => !['ENODATA', 'ENOTFOUND'].includes((error as { code?: string }).code ?? '')) ?? failures[0];
}

function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}

function addressesOf(settled: Settled<string[]>, family: 4 | 6): ResolvedAddress[] {
  return 'value' in settled ? settled.value.map((address) => ({ address, family })) : [];
}

/** The hosts file's names, read again once HOSTS_FILE_TTL_MS has passed; a file that cannot be read holds none. */
function hostsFileReader(file: string): () => Promise<Map<string, ResolvedAddress[]>> {
  let reading: { at: number; names: Promise<Map<string, ResolvedAddress[]>> } | undefined;
  return () => {
    const now = Date.now();
    if (!reading || now - reading.at > HOSTS_FILE_TTL_MS) reading = { at: now, names: readFile(file, 'utf8').then(parseHostsFile, () => new Map()) };
    return reading.names;
  };
}

/** hosts(5): an address, then its names; `#` starts a comment. Names are matched in lower case. */
export function parseHostsFile(text: string): Map<string, ResolvedAddress[]> {
  const names = new Map<string, ResolvedAddress[]>();
  for (const line of text.split('\n')) {
    const [address, ...aliases] = line.replace(/#.*/, '').trim().split(/\s+/);
    const family = isIP(address);
    if (family === 0) continue;
    for (const alias of aliases) {
      const key = alias.toLowerCase();
      const known = names.get(key) ?? [];
      if (!known.some((one) => one.address === address)) known.push({ address, family: family === 6 ? 6 : 4 });
      names.set(key, known);
    }
  }
  return names;
}
