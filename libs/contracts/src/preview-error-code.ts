/** Stable codes of failed previews: clients branch on them, so values never change. */
export enum PreviewErrorCode {
  UpstreamTimeout = 'UPSTREAM_TIMEOUT',
  UpstreamUnreachable = 'UPSTREAM_UNREACHABLE',
  UpstreamHttpError = 'UPSTREAM_HTTP_ERROR',
  TooManyRedirects = 'TOO_MANY_REDIRECTS',
  BlockedAddress = 'BLOCKED_ADDRESS',
  BlockedUrl = 'BLOCKED_URL',
  BlockedPort = 'BLOCKED_PORT',
  TooLarge = 'TOO_LARGE',
  UnsupportedContent = 'UNSUPPORTED_CONTENT',
  ExtractionFailed = 'EXTRACTION_FAILED',
  ExtractionTimeout = 'EXTRACTION_TIMEOUT',
  Internal = 'INTERNAL',
}

/** `UPSTREAM_HTTP_404` and friends: the status is part of the code so clients need not parse messages. */
export function upstreamHttpCode(status: number): string {
  return `UPSTREAM_HTTP_${status}`;
}
