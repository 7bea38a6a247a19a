import { lookup } from 'node:dns/promises';
import type { ResolvedAddress } from './fetcher-options';

/** The default Resolver: every address the system's resolver gives for a host, in its own order. */
export async function systemResolver(hostname: string): Promise<ResolvedAddress[]> {
  const addresses = await lookup(hostname, { all: true, verbatim: true });
  return addresses.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
}
