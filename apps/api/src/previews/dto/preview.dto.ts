import { PreviewMetadata, PreviewStatus } from '@unfurl/contracts';

export class PreviewErrorDto {
  /**
   * Stable code, one of a closed set: UPSTREAM_TIMEOUT, UPSTREAM_UNREACHABLE, UPSTREAM_HTTP_<4xx|5xx status>,
   * TOO_MANY_REDIRECTS, BLOCKED_ADDRESS, BLOCKED_URL, BLOCKED_PORT, TOO_LARGE, UNSUPPORTED_CONTENT,
   * EXTRACTION_FAILED, EXTRACTION_TIMEOUT, SITE_DENIED, ROBOTS_DISALLOWED, HOST_UNAVAILABLE, INTERNAL
   * (`data.renderError` also uses RENDER_UNAVAILABLE: the render job could not be queued)
   * @example UPSTREAM_HTTP_404
   */
  code: string;
  message: string;
}

/** A preview: pending while the page is fetched, then ready (with data) or failed (with error). */
export class PreviewDto {
  /** Derived from the normalised URL: the same URL always has the same id. */
  id: string;
  /** The normalised URL. */
  url: string;
  status: PreviewStatus;
  data: PreviewMetadata | null;
  error: PreviewErrorDto | null;
  /** ISO 8601; when the page was last fetched. */
  fetchedAt: string | null;
  /** ISO 8601; after this the preview is refreshed (ready) or retried (failed). */
  expiresAt: string | null;
}
