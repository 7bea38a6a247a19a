import type { SiteSettings } from '@unfurl/config';
import type { FetchOptions } from '@unfurl/fetcher';

/**
 * How a page of `site` is fetched: its rule's user agent and the job's language (Accept-Language),
 * both kept across redirects, and its headers (sent to the page's own origin only). Denied hosts
 * need nothing here: the fetch policy refuses them, redirects included (FetchPolicy.isHostDenied).
 */
export function siteFetchOptions(site: SiteSettings, lang?: string): Pick<FetchOptions, 'headers' | 'originHeaders'> {
  return {
    headers: { ...(site.userAgent ? { 'user-agent': site.userAgent } : {}), ...(lang ? { 'accept-language': lang } : {}) },
    originHeaders: { ...site.headers },
  };
}
