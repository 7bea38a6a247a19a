// Preloaded (NODE_OPTIONS=--require) into the worker and renderer of the render scenario: the
// corpus pages are real saved pages that name real hosts (scripts, images, fonts, oEmbed endpoints),
// the bench talks to 127.0.0.0/8 only, and the renderer's fetch policy allows every address here
// (FETCH_ALLOW_PRIVATE_ADDRESSES, for the loopback upstream). So in these two processes a name other
// than localhost does not resolve (ENOTFOUND, no DNS query: neither `dns.lookup` nor the c-ares
// Resolver's A and AAAA queries, which the fetcher's resolver uses) and a connection to an address
// outside loopback is refused: such a request fails at once, as for an unreachable host.
import dns from 'node:dns';
import dnsPromises from 'node:dns/promises';
import net from 'node:net';

const isLoopback = (address: string) => (net.isIPv4(address) ? address.startsWith('127.') : address === '::1' || address.startsWith('::ffff:127.'));
const onThisMachine = (host: string) => host === 'localhost' || (net.isIP(host) !== 0 && isLoopback(host));
const refused = (host: string) => Object.assign(new Error(`${host} is not on this machine: the bench talks to 127.0.0.0/8 only`), { code: 'ENOTFOUND' });

const lookup = dns.lookup;
dns.lookup = function (hostname: string, ...rest: unknown[]) {
  if (onThisMachine(hostname)) return (lookup as (...args: unknown[]) => void).call(dns, hostname, ...rest);
  const callback = rest.at(-1) as (error: Error) => void;
  process.nextTick(callback, refused(hostname));
} as typeof dns.lookup;

const lookupPromise = dnsPromises.lookup;
dnsPromises.lookup = async function (hostname: string, options?: unknown) {
  if (onThisMachine(hostname)) return (lookupPromise as (...args: unknown[]) => unknown)(hostname, options);
  throw refused(hostname);
} as typeof dnsPromises.lookup;

for (const method of ['resolve4', 'resolve6'] as const) {
  const resolve = dnsPromises.Resolver.prototype[method] as (this: dnsPromises.Resolver, ...args: unknown[]) => Promise<unknown>;
  dnsPromises.Resolver.prototype[method] = async function (this: dnsPromises.Resolver, hostname: string, ...rest: unknown[]) {
    if (onThisMachine(hostname)) return resolve.call(this, hostname, ...rest);
    throw refused(hostname);
  } as (typeof dnsPromises.Resolver.prototype)[typeof method];
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
  // Node calls connect itself with its normalised [options, callback] array.
  const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  const options = (typeof first === 'object' && first !== null ? first : { host: typeof args[1] === 'string' ? args[1] : undefined }) as { host?: string; path?: string };
  if (!options.path && options.host && net.isIP(options.host) !== 0 && !isLoopback(options.host)) {
    const host = options.host;
    process.nextTick(() => this.destroy(refused(host)));
    return this;
  }
  return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof connect;
