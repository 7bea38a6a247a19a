/** Stable problem codes of the API (RFC 9457 `code` extension); clients branch on them. */
export enum ProblemCode {
  InvalidUrl = 'INVALID_URL',
  UrlSchemeNotAllowed = 'URL_SCHEME_NOT_ALLOWED',
  UrlTooLong = 'URL_TOO_LONG',
  UrlCredentialsNotAllowed = 'URL_CREDENTIALS_NOT_ALLOWED',
  ValidationFailed = 'VALIDATION_FAILED',
  MalformedRequest = 'MALFORMED_REQUEST',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  UriTooLong = 'URI_TOO_LONG',
  HeadersTooLarge = 'HEADERS_TOO_LARGE',
  RequestTimeout = 'REQUEST_TIMEOUT',
  PreviewNotFound = 'PREVIEW_NOT_FOUND',
  BatchNotFound = 'BATCH_NOT_FOUND',
  BatchTooLarge = 'BATCH_TOO_LARGE',
  InvalidBatch = 'INVALID_BATCH',
  NotFound = 'NOT_FOUND',
  MethodNotAllowed = 'METHOD_NOT_ALLOWED',
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  QueueUnavailable = 'QUEUE_UNAVAILABLE',
  DatabaseUnavailable = 'DATABASE_UNAVAILABLE',
  Overloaded = 'OVERLOADED',
  NotReady = 'NOT_READY',
  Unauthorized = 'UNAUTHORIZED',
  Forbidden = 'FORBIDDEN',
  RateLimited = 'RATE_LIMITED',
  WebhooksDisabled = 'WEBHOOKS_DISABLED',
  CallbackUrlNotAllowed = 'CALLBACK_URL_NOT_ALLOWED',
  SiteDenied = 'SITE_DENIED',
  Internal = 'INTERNAL',
}

/** The one place a code gets its HTTP status and title; the same code always answers the same way. */
export const PROBLEMS: Readonly<Record<ProblemCode, { status: number; title: string }>> = {
  [ProblemCode.InvalidUrl]: { status: 400, title: 'Invalid URL' },
  [ProblemCode.UrlSchemeNotAllowed]: { status: 400, title: 'URL scheme not allowed' },
  [ProblemCode.UrlTooLong]: { status: 400, title: 'URL too long' },
  [ProblemCode.UrlCredentialsNotAllowed]: { status: 400, title: 'URL credentials not allowed' },
  [ProblemCode.ValidationFailed]: { status: 400, title: 'Bad request' },
  [ProblemCode.MalformedRequest]: { status: 400, title: 'Malformed request' },
  [ProblemCode.PayloadTooLarge]: { status: 413, title: 'Payload too large' },
  [ProblemCode.UriTooLong]: { status: 414, title: 'URI too long' },
  [ProblemCode.HeadersTooLarge]: { status: 431, title: 'Request headers too large' },
  [ProblemCode.RequestTimeout]: { status: 408, title: 'Request timeout' },
  [ProblemCode.PreviewNotFound]: { status: 404, title: 'Preview not found' },
  [ProblemCode.BatchNotFound]: { status: 404, title: 'Batch not found' },
  [ProblemCode.BatchTooLarge]: { status: 400, title: 'Batch too large' },
  [ProblemCode.InvalidBatch]: { status: 400, title: 'Invalid URLs in batch' },
  [ProblemCode.NotFound]: { status: 404, title: 'Not found' },
  [ProblemCode.MethodNotAllowed]: { status: 405, title: 'Method not allowed' },
  [ProblemCode.UnsupportedMediaType]: { status: 415, title: 'Unsupported media type' },
  [ProblemCode.QueueUnavailable]: { status: 503, title: 'Queue unavailable' },
  [ProblemCode.DatabaseUnavailable]: { status: 503, title: 'Database unavailable' },
  [ProblemCode.Overloaded]: { status: 503, title: 'Overloaded' },
  [ProblemCode.NotReady]: { status: 503, title: 'Service unavailable' },
  [ProblemCode.Unauthorized]: { status: 401, title: 'Unauthorized' },
  [ProblemCode.Forbidden]: { status: 403, title: 'Forbidden' },
  [ProblemCode.RateLimited]: { status: 429, title: 'Too many requests' },
  [ProblemCode.WebhooksDisabled]: { status: 400, title: 'Webhooks disabled' },
  [ProblemCode.CallbackUrlNotAllowed]: { status: 400, title: 'Callback URL not allowed' },
  [ProblemCode.SiteDenied]: { status: 403, title: 'Site denied' },
  [ProblemCode.Internal]: { status: 500, title: 'Internal server error' },
};

/** An RFC 9457 problem details object, with Unfurl's `code` extension. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ProblemCode;
  detail?: string;
  instance?: string;
  [extension: string]: unknown;
}

export const problemType = (code: string) => `https://unfurl.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`;

/** The problem of `code` from the table; `extensions` add members (never type, title, status, code). */
export function problemOf(code: ProblemCode, detail?: string, extensions: Record<string, unknown> = {}): Problem {
  const { status, title } = PROBLEMS[code];
  return { type: problemType(code), title, status, code, ...(detail ? { detail } : {}), ...extensions };
}
