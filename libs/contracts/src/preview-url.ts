import { createHash } from 'node:crypto';

export const MAX_URL_LENGTH = 2048;

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

export type UrlProblem = 'invalid' | 'scheme' | 'too-long' | 'credentials';

export class UrlRejectedError extends Error {
  constructor(
    readonly problem: UrlProblem,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The rules every URL shares, whoever checks it (a preview request, a callback URL, each hop of a
 * fetch): at most `maxLength` characters as given and as parsed, absolute, http or https, no
 * credentials, a host. Returns the WHATWG-parsed URL; throws UrlRejectedError.
 */
export function parseWebUrl(input: string, maxLength = MAX_URL_LENGTH): URL {
  if (input.length > maxLength) throw new UrlRejectedError('too-long', `URL is longer than ${maxLength} characters`);
  // WHATWG parsing would drop or percent-encode these silently; a URL that holds them was mangled.
  if (CONTROL_CHARACTER.test(input)) throw new UrlRejectedError('invalid', 'URL contains control characters');
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new UrlRejectedError('invalid', 'not an absolute URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UrlRejectedError('scheme', `scheme ${url.protocol.slice(0, -1)} is not allowed; use http or https`);
  }
  if (url.username || url.password) throw new UrlRejectedError('credentials', 'URLs with credentials are not allowed');
  if (!url.hostname) throw new UrlRejectedError('invalid', 'URL has no host');
  if (url.href.length > maxLength) throw new UrlRejectedError('too-long', `URL is longer than ${maxLength} characters`);
  return url;
}

/**
 * The one spelling of a URL that preview ids are derived from: http(s) only, host lower-cased
 * (WHATWG parsing also canonicalises IDN and IPv4 spellings), default port, fragment and empty
 * query dropped, path kept as given. Normalising only shortens, so the length rule still holds.
 */
export function normalizeUrl(input: string, maxLength = MAX_URL_LENGTH): string {
  const url = parseWebUrl(input.trim(), maxLength);
  url.hash = '';
  // An empty query ("?") reads as "" but still prints; assigning drops it.
  if (!url.search) url.search = '';
  if (url.hostname.endsWith('.')) url.hostname = url.hostname.replace(/\.+$/, '');
  return url.toString();
}

const PREVIEW_ID = /^[\w-]{32}$/;

/** Whether `id` can be a preview id at all (32 base64url characters): others are refused unread. */
export function isPreviewId(id: string): boolean {
  return PREVIEW_ID.test(id);
}

/**
 * Stable id of a preview: every API process derives the same one for the same normalised URL and
 * normalised language (normalizeLang). Without a language it is the hash of the URL alone, as it
 * always was; a language is appended after a newline, which no accepted URL contains.
 */
export function previewId(normalisedUrl: string, lang?: string | null): string {
  return createHash('sha256')
    .update(lang ? `${normalisedUrl}\n${lang}` : normalisedUrl)
    .digest('base64url')
    .slice(0, 32);
}
