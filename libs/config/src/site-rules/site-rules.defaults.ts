import type { SiteRule } from './site-rule';

/** Amazon's storefronts, each as itself and its subdomains (www., smile., m.). */
const AMAZON = ['com', 'ca', 'com.mx', 'com.br', 'co.uk', 'de', 'fr', 'it', 'es', 'nl', 'se', 'pl', 'com.tr', 'in', 'co.jp', 'com.au', 'sg', 'ae', 'sa'].flatMap((tld) => [
  `amazon.${tld}`,
  `*.amazon.${tld}`,
]);

/**
 * The rules Unfurl ships, for hosts known to serve their Open Graph tags only to bot user agents.
 * A rule in the SITE_RULES file with the same host pattern replaces one of these (README: "Per-site
 * rules"). Each is here for a reason that was observed and reported by other link-preview projects.
 */
export const DEFAULT_SITE_RULES: readonly SiteRule[] = [
  {
    // X/Twitter send a JavaScript shell ("JavaScript is not available") to browsers and put their
    // og:/twitter: tags only in answers to user agents containing "bot" (Mastodon #14248, Matrix
    // Synapse #11985, Wire #59). Pinned here so that a browser-like FETCH_USER_AGENT does not break them.
    hosts: ['x.com', '*.x.com', 'twitter.com', '*.twitter.com'],
    userAgent: 'UnfurlBot/0.1 (+https://github.com/unfurl/unfurl)',
  },
  {
    // Amazon answers unknown clients with a robot-check page or a page without og: tags, and serves
    // og:title/og:image to Facebook's link-preview crawler, as iMessage's and other unfurlers'
    // user agents rely on (jacktuck/unfurl #77: that exact string). amzn.to and a.co are its short
    // links, which redirect there.
    hosts: [...AMAZON, 'amzn.to', 'a.co'],
    userAgent: 'facebookexternalhit/1.1',
  },
];
