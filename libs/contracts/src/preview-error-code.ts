/** Stable codes of failed previews: clients branch on them, so values never change. */
export enum PreviewErrorCode {
  UpstreamTimeout = 'UPSTREAM_TIMEOUT',
  UpstreamUnreachable = 'UPSTREAM_UNREACHABLE',
  TooManyRedirects = 'TOO_MANY_REDIRECTS',
  BlockedAddress = 'BLOCKED_ADDRESS',
  BlockedUrl = 'BLOCKED_URL',
  BlockedPort = 'BLOCKED_PORT',
  TooLarge = 'TOO_LARGE',
  UnsupportedContent = 'UNSUPPORTED_CONTENT',
  ExtractionFailed = 'EXTRACTION_FAILED',
  ExtractionTimeout = 'EXTRACTION_TIMEOUT',
  /** A site rule (SITE_RULES) denies the host, or one a redirect led to. */
  SiteDenied = 'SITE_DENIED',
  /** RESPECT_ROBOTS_TXT is on and the host's robots.txt disallows the page for Unfurl's user agent. */
  RobotsDisallowed = 'ROBOTS_DISALLOWED',
  /** The host timed out or refused repeatedly; its jobs fail at once until a probe gets an answer. */
  HostUnavailable = 'HOST_UNAVAILABLE',
  /** Only in `data.renderError`: the page was to be rendered but its render job could not be queued, so the static read is shown. */
  RenderUnavailable = 'RENDER_UNAVAILABLE',
  Internal = 'INTERNAL',
}

/** `UPSTREAM_HTTP_404` and friends: the upstream's error status is part of the code so clients need not parse messages. */
export type UpstreamHttpCode = `UPSTREAM_HTTP_${number}`;

/** The closed set of codes a client may see on a failed preview. */
export type PublicErrorCode = PreviewErrorCode | UpstreamHttpCode;

const PREVIEW_ERROR_CODES = new Set<string>(Object.values(PreviewErrorCode));

export function upstreamHttpCode(status: number): UpstreamHttpCode {
  return `UPSTREAM_HTTP_${status}`;
}

/** The upstream status of an `UPSTREAM_HTTP_<4xx|5xx>` code, else undefined. */
export function upstreamHttpStatus(code: string): number | undefined {
  const status = /^UPSTREAM_HTTP_([45]\d\d)$/.exec(code)?.[1];
  return status === undefined ? undefined : Number(status);
}

export function isPublicErrorCode(code: unknown): code is PublicErrorCode {
  return typeof code === 'string' && (PREVIEW_ERROR_CODES.has(code) || upstreamHttpStatus(code) !== undefined);
}
