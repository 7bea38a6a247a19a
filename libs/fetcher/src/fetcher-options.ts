import type { FetchPolicy } from './fetch-policy';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address it has; the default is systemResolver (the hosts file, then DNS through c-ares). */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

/** The policy, plus two hooks that only tests set. */
export interface FetcherOptions extends FetchPolicy {
  /** Injectable DNS. */
  resolver?: Resolver;
  /**
   * Replaces the built-in address policy (`!isBlockedAddress(ip)`). Tests use it to treat exactly one
   * loopback address as "public"; production code leaves it unset.
   */
  isAddressAllowed?: (address: string) => boolean;
}
