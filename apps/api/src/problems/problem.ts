/** Stable problem codes of the API (RFC 9457 `code` extension); clients branch on them. */
export enum ProblemCode {
  InvalidUrl = 'INVALID_URL',
  UrlSchemeNotAllowed = 'URL_SCHEME_NOT_ALLOWED',
  UrlTooLong = 'URL_TOO_LONG',
  UrlCredentialsNotAllowed = 'URL_CREDENTIALS_NOT_ALLOWED',
  ValidationFailed = 'VALIDATION_FAILED',
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
  Internal = 'INTERNAL',
}

/** An RFC 9457 problem details object, with Unfurl's `code` extension. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ProblemCode | string;
  detail?: string;
  instance?: string;
  [extension: string]: unknown;
}

export const problemType = (code: string) => `https://unfurl.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`;
