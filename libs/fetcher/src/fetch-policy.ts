import type { Environment, SiteRules } from '@unfurl/config';

/**
 * The rules of every outbound request (pages, oEmbed, robots.txt, webhooks, the renderer's browser):
 * which hosts, addresses and ports, how long, how many redirects, how many bytes, which user agent.
 * Built from the validated configuration only (the environment and the site rules), so its defaults
 * are the configuration's.
 */
export interface FetchPolicy {
  /** Development and tests only: connect to any address (loopback, private, metadata...) and any port. */
  allowPrivateAddresses: boolean;
  /** Ports a URL may name when private addresses are refused. */
  allowedPorts: readonly number[];
  /** Per connection: DNS resolution plus TCP (and TLS) handshake. */
  connectTimeoutMs: number;
  /** Deadline for a whole fetch: every redirect hop and the body. */
  totalTimeoutMs: number;
  maxRedirects: number;
  /** Limit on the decoded (decompressed) body. */
  maxBodyBytes: number;
  maxUrlLength: number;
  userAgent: string;
  /** True for a host that a site rule denies: no request goes to it, nor any redirect into it. */
  isHostDenied: (hostname: string) => boolean;
}

/** Nest token of the FetchPolicy (FetchPolicyModule). */
export const FETCH_POLICY = Symbol('FETCH_POLICY');

/** Reads one validated configuration value (ConfigService.get with `infer`). */
export type ReadEnvironment = <K extends keyof Environment>(key: K) => Environment[K];

/** `rules`: the site rules (SiteRules), which say which hosts are denied. */
export function fetchPolicy(read: ReadEnvironment, rules: Pick<SiteRules, 'forHost'>): FetchPolicy {
  return {
    allowPrivateAddresses: read('FETCH_ALLOW_PRIVATE_ADDRESSES'),
    allowedPorts: read('FETCH_ALLOWED_PORTS').split(',').map(Number),
    connectTimeoutMs: read('FETCH_CONNECT_TIMEOUT_MS'),
    totalTimeoutMs: read('FETCH_TIMEOUT_MS'),
    maxRedirects: read('FETCH_MAX_REDIRECTS'),
    maxBodyBytes: read('FETCH_MAX_BYTES'),
    maxUrlLength: read('MAX_URL_LENGTH'),
    userAgent: read('FETCH_USER_AGENT'),
    isHostDenied: (hostname) => rules.forHost(hostname).deny,
  };
}
