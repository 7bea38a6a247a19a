import { isIP } from 'node:net';
import { parseWebUrl, PreviewErrorCode, UrlRejectedError } from '@unfurl/contracts';
import { isBlockedAddress } from './blocked-address';
import { FetchError } from './fetch-error';
import type { FetcherOptions } from './fetcher-options';

export type UrlPolicy = Pick<FetcherOptions, 'allowPrivateAddresses' | 'allowedPorts' | 'maxUrlLength' | 'isAddressAllowed' | 'isHostDenied'>;

/** The address verdict every connection goes through: `allowPrivateAddresses`, the override, or the built-in ranges. */
export function isAddressAllowed(address: string, policy: Pick<UrlPolicy, 'allowPrivateAddresses' | 'isAddressAllowed'>): boolean {
  if (policy.allowPrivateAddresses) return true;
  return policy.isAddressAllowed ? policy.isAddressAllowed(address) : !isBlockedAddress(address);
}

/**
 * Everything that can be refused about a URL without DNS: the shared URL rules (parseWebUrl: length,
 * scheme, credentials, host), a host that a site rule denies, an IP-literal host in a blocked range
 * (in any spelling: WHATWG parsing turns `0x7f.1` or `2130706433` into `127.0.0.1` before the check),
 * and a port outside `allowedPorts`. Host names are checked later, on the address the connection
 * actually uses. Returns the parsed URL; throws FetchError with BLOCKED_URL, SITE_DENIED,
 * BLOCKED_ADDRESS or BLOCKED_PORT.
 */
export function checkUrl(url: string, policy: UrlPolicy): URL {
  let parsed: URL;
  try {
    parsed = parseWebUrl(url, policy.maxUrlLength);
  } catch (error) {
    if (error instanceof UrlRejectedError) throw new FetchError(PreviewErrorCode.BlockedUrl, error.message);
    throw error;
  }
  if (policy.isHostDenied(parsed.hostname)) throw FetchError.siteDenied(parsed.hostname);
  const host = parsed.hostname.startsWith('[') ? parsed.hostname.slice(1, -1) : parsed.hostname;
  if (isIP(host) && !isAddressAllowed(host, policy)) throw FetchError.blockedAddress(host);

  if (!policy.allowPrivateAddresses) {
    const port = parsed.port ? Number(parsed.port) : parsed.protocol === 'https:' ? 443 : 80;
    if (!policy.allowedPorts.includes(port)) throw new FetchError(PreviewErrorCode.BlockedPort, `port ${port} is not allowed`);
  }
  return parsed;
}
