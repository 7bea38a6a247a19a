import { isPublicErrorCode, PreviewErrorCode, type PublicErrorCode, upstreamHttpStatus } from '@unfurl/contracts';

/** What a client reads for each code; the thrown error's own message may carry internals and only goes to the logs. */
const PUBLIC_MESSAGES: Record<PreviewErrorCode, string> = {
  [PreviewErrorCode.UpstreamTimeout]: 'the page did not answer in time',
  [PreviewErrorCode.UpstreamUnreachable]: "the page's server could not be reached",
  [PreviewErrorCode.TooManyRedirects]: 'the page redirected too many times',
  [PreviewErrorCode.BlockedAddress]: 'the URL leads to an address that is not public',
  [PreviewErrorCode.BlockedUrl]: 'the URL, or one it redirected to, is not allowed',
  [PreviewErrorCode.BlockedPort]: 'the URL, or one it redirected to, names a port that is not allowed',
  [PreviewErrorCode.TooLarge]: 'the page is larger than the size limit',
  [PreviewErrorCode.UnsupportedContent]: "the page's content cannot be previewed",
  [PreviewErrorCode.ExtractionFailed]: 'the page could not be read',
  [PreviewErrorCode.ExtractionTimeout]: 'reading the page took too long',
  [PreviewErrorCode.SiteDenied]: "this site is denied by the server's site rules",
  [PreviewErrorCode.RobotsDisallowed]: "the site's robots.txt does not allow this page to be fetched",
  [PreviewErrorCode.HostUnavailable]: "the page's server failed repeatedly and is not being contacted for a while",
  [PreviewErrorCode.RenderUnavailable]: 'the page could not be handed to the renderer; it was read without running its scripts',
  [PreviewErrorCode.Internal]: 'an internal error stopped this preview',
};

export interface Failure {
  /** Stored on the preview and shown to clients: always one of the public codes. */
  code: PublicErrorCode;
  /** Stored on the preview and shown to clients. */
  message: string;
  /** For the logs only: what was thrown. */
  detail: string;
}

/** Worth another attempt: the same request may well succeed in a moment. */
export function isTransient(code: PublicErrorCode): boolean {
  if (code === PreviewErrorCode.UpstreamTimeout || code === PreviewErrorCode.UpstreamUnreachable) return true;
  const status = upstreamHttpStatus(code);
  return status === 429 || status === 408 || (status !== undefined && status >= 500);
}

/**
 * The public code and message of whatever a step threw. Only the closed set of PreviewErrorCode
 * values and `UPSTREAM_HTTP_<status>` reaches clients: any other code (a Node `ECONNRESET` from a
 * database write, a driver's SQLSTATE) becomes INTERNAL, its detail left to the logs.
 */
export function describeFailure(error: unknown): Failure {
  const thrown = (error as { code?: unknown } | null)?.code;
  const detail = error instanceof Error ? `${error.name}${typeof thrown === 'string' ? ` ${thrown}` : ''}: ${error.message}` : String(error);
  const code = isPublicErrorCode(thrown) ? thrown : PreviewErrorCode.Internal;
  const status = upstreamHttpStatus(code);
  return { code, message: status === undefined ? PUBLIC_MESSAGES[code as PreviewErrorCode] : `the page answered HTTP ${status}`, detail };
}
