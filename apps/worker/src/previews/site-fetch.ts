import { PreviewErrorCode } from '@unfurl/contracts';
import type { SiteRules, SiteSettings } from '@unfurl/config';
import { FetchError, type FetchOptions } from '@unfurl/fetcher';

/** Throws SITE_DENIED when a site rule denies the host of `url`. */
export function refuseDenied(rules: SiteRules, url: URL): void {
  const site = rules.forHost(url.hostname);
  if (site.deny) throw new FetchError(PreviewErrorCode.SiteDenied, `${url.hostname} is denied by the site rule ${site.pattern}`);
}

/**
 * How a page of `site` is fetched: its rule's user agent and the job's language (Accept-Language),
 * both kept across redirects, its headers (sent to the page's own origin only), and no redirect
 * into a denied host.
 */
export function siteFetchOptions(rules: SiteRules, site: SiteSettings, lang?: string): Pick<FetchOptions, 'headers' | 'originHeaders' | 'checkRedirect'> {
  return {
    headers: { ...(site.userAgent ? { 'user-agent': site.userAgent } : {}), ...(lang ? { 'accept-language': lang } : {}) },
    originHeaders: { ...site.headers },
    checkRedirect: (target) => refuseDenied(rules, target),
  };
}
