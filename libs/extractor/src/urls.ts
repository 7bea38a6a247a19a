const MAX_URL_CHARS = 4_096;

/**
 * Resolves a URL found in a page against the page base. Protocol-relative URLs are taken as https
 * (every CDN serves both, and a card shown on an https site must not load http). Only http(s) results count.
 */
export function resolveUrl(value: string | null | undefined, base: string): string | null {
  if (!value) return null;
  const raw = value.trim();
  if (!raw || raw.length > MAX_URL_CHARS || /^(data|javascript|about|blob|mailto):/i.test(raw)) return null;
  try {
    const url = raw.startsWith('//') ? new URL(`https:${raw}`) : new URL(raw, base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.href;
  } catch {
    return null;
  }
}

/** The document base: `<base href>` resolved against the final URL, when it is a usable http(s) URL. */
export function documentBase(baseHref: string | null, finalUrl: string): string {
  return resolveUrl(baseHref, finalUrl) ?? finalUrl;
}

export function looksLikeUrl(value: string): boolean {
  return /^(https?:)?\/\//i.test(value) || /^www\.[^\s]+\.[a-z]{2,}/i.test(value) || /^\/[^\s]*$/.test(value);
}

/** The last path segment of a URL, decoded, for titling files that have no title of their own. */
export function fileNameOf(url: string): string | null {
  try {
    const segment = new URL(url).pathname.split('/').filter(Boolean).pop();
    if (!segment) return null;
    try {
      return decodeURIComponent(segment);
    } catch {
      return segment;
    }
  } catch {
    return null;
  }
}
