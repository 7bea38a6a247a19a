import { PreviewErrorCode, type PublicErrorCode, upstreamHttpCode } from '@unfurl/contracts';

/**
 * Every failure of a fetch, with a stable `code` from `PreviewErrorCode` (or `UPSTREAM_HTTP_<status>`)
 * that callers store and branch on; the message is for humans and logs only.
 */
export class FetchError extends Error {
  override readonly name = 'FetchError';

  constructor(
    readonly code: PublicErrorCode,
    message: string,
    /** The upstream status, for `UPSTREAM_HTTP_<status>` errors. */
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  static httpStatus(status: number, url: string): FetchError {
    return new FetchError(upstreamHttpCode(status), `${url} answered HTTP ${status}`, status);
  }

  static siteDenied(host: string): FetchError {
    return new FetchError(PreviewErrorCode.SiteDenied, `${host} is denied by a site rule`);
  }

  static blockedAddress(address: string, host?: string): FetchError {
    const target = host && host !== address ? `${host} (${address})` : address;
    return new FetchError(PreviewErrorCode.BlockedAddress, `${target} is not a public address`);
  }
}
