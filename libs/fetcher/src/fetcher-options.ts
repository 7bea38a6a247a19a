import { MAX_URL_LENGTH } from '@unfurl/contracts';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address it has; the default is `dns.promises.lookup(host, { all: true })`. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface FetcherOptions {
  /**
   * Development and tests only: connect to any address (loopback, private, metadata...) and any port.
   * Required, so that turning the SSRF protection off is always a visible decision.
   */
  allowPrivateAddresses: boolean;
  /** Ports a URL may name when private addresses are refused. Default 80, 443, 8080, 8443. */
  allowedPorts?: number[];
  /** Per connection: DNS resolution plus TCP (and TLS) handshake. Default 5000 ms. */
  connectTimeoutMs?: number;
  /** Deadline for a whole fetch: every redirect hop and the body. Default 15000 ms. */
  totalTimeoutMs?: number;
  /** Default 5. */
  maxRedirects?: number;
  /** Limit on the decoded (decompressed) body. Default 5 MiB. */
  maxBodyBytes?: number;
  /** Default 2048, the API's own limit. */
  maxUrlLength?: number;
  userAgent?: string;
  /** Injectable DNS, for tests. */
  resolver?: Resolver;
  /**
   * Replaces the built-in address policy (`!isBlockedAddress(ip)`). Tests use it to treat exactly one
   * loopback address as "public"; production code should leave it unset.
   */
  isAddressAllowed?: (address: string) => boolean;
}

export type ResolvedFetcherOptions = Required<Omit<FetcherOptions, 'isAddressAllowed'>> &
  Pick<FetcherOptions, 'isAddressAllowed'>;

export const DEFAULT_ALLOWED_PORTS: readonly number[] = [80, 443, 8080, 8443];

export const DEFAULT_USER_AGENT = 'Mozilla/5.0 (compatible; Unfurl/0.1; link preview)';

export function resolveFetcherOptions(options: FetcherOptions, resolver: Resolver): ResolvedFetcherOptions {
  return {
    allowPrivateAddresses: options.allowPrivateAddresses,
    allowedPorts: options.allowedPorts ?? [...DEFAULT_ALLOWED_PORTS],
    connectTimeoutMs: options.connectTimeoutMs ?? 5_000,
    totalTimeoutMs: options.totalTimeoutMs ?? 15_000,
    maxRedirects: options.maxRedirects ?? 5,
    maxBodyBytes: options.maxBodyBytes ?? 5 * 1024 * 1024,
    maxUrlLength: options.maxUrlLength ?? MAX_URL_LENGTH,
    userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
    resolver: options.resolver ?? resolver,
    isAddressAllowed: options.isAddressAllowed,
  };
}
