import { isIP } from 'node:net';
import { MAX_URL_LENGTH, PreviewErrorCode } from '@unfurl/contracts';
import { isBlockedAddress } from './blocked-address';
import { FetchError } from './fetch-error';
import { DEFAULT_ALLOWED_PORTS, type FetcherOptions } from './fetcher-options';

export type UrlPolicy = Pick<FetcherOptions, 'allowPrivateAddresses' | 'allowedPorts' | 'maxUrlLength' | 'isAddressAllowed'>;

/** The address verdict every connection goes through: `allowPrivateAddresses`, the override, or the built-in ranges. */
export function isAddressAllowed(address: string, policy: Pick<UrlPolicy, 'allowPrivateAddresses' | 'isAddressAllowed'>): boolean {
  if (policy.allowPrivateAddresses) return true;
  return policy.isAddressAllowed ? policy.isAddressAllowed(address) : !isBlockedAddress(address);
}

/**
 * Everything that can be refused about a URL without DNS: length, scheme (http and https only),
 * credentials, an IP-literal host in a blocked range (in any spelling: WHATWG parsing turns
 * `0x7f.1` or `2130706433` into `127.0.0.1` before the check), and a port outside `allowedPorts`.
 * Host names are checked later, on the address the connection actually uses.
 * Returns the parsed URL; throws FetchError with BLOCKED_URL, BLOCKED_ADDRESS or BLOCKED_PORT.
 */
export function checkUrl(url: string, policy: UrlPolicy = { allowPrivateAddresses: false }): URL {
  const maxLength = policy.maxUrlLength ?? MAX_URL_LENGTH;
  if (url.length > maxLength) throw new FetchError(PreviewErrorCode.BlockedUrl, `URL is longer than ${maxLength} characters`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new FetchError(PreviewErrorCode.BlockedUrl, 'not an absolute URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new FetchError(PreviewErrorCode.BlockedUrl, `scheme ${parsed.protocol.slice(0, -1)} is not allowed`);
  }
  if (parsed.username || parsed.password) throw new FetchError(PreviewErrorCode.BlockedUrl, 'URLs with credentials are not allowed');
  if (!parsed.hostname) throw new FetchError(PreviewErrorCode.BlockedUrl, 'URL has no host');
  if (parsed.href.length > maxLength) throw new FetchError(PreviewErrorCode.BlockedUrl, `URL is longer than ${maxLength} characters`);

  const host = parsed.hostname.startsWith('[') ? parsed.hostname.slice(1, -1) : parsed.hostname;
  if (isIP(host) && !isAddressAllowed(host, policy)) throw FetchError.blockedAddress(host);

  if (!policy.allowPrivateAddresses) {
    const port = parsed.port ? Number(parsed.port) : parsed.protocol === 'https:' ? 443 : 80;
    const allowed = policy.allowedPorts ?? DEFAULT_ALLOWED_PORTS;
    if (!allowed.includes(port)) throw new FetchError(PreviewErrorCode.BlockedPort, `port ${port} is not allowed`);
  }
  return parsed;
}
