import type { PreviewMetadata } from '@unfurl/contracts';

// The fields the bench counts as filled, for Unfurl and for open-graph-scraper's result object.
export const COVERAGE_FIELDS = ['title', 'description', 'image', 'author', 'date', 'lang', 'siteName', 'canonical', 'logo'] as const;
export type CoverageField = (typeof COVERAGE_FIELDS)[number];

export function unfurlCoverage(m: PreviewMetadata, finalUrl: string): Record<CoverageField, boolean> {
  return {
    title: !!m.title,
    description: !!m.description,
    image: !!m.image,
    author: !!m.author,
    date: !!m.publishedAt,
    lang: !!m.lang,
    siteName: !!m.siteName,
    canonical: m.url !== finalUrl,
    // /favicon.ico is a guess every page gets; count only logos the page names.
    logo: !!m.logo && !m.logo.url.endsWith('/favicon.ico'),
  };
}

type OgsResult = Record<string, unknown>;

export function ogsCoverage(r: OgsResult): Record<CoverageField, boolean> {
  const has = (...keys: string[]) => keys.some((k) => (Array.isArray(r[k]) ? (r[k] as unknown[]).length > 0 : !!r[k]));
  return {
    title: has('ogTitle', 'twitterTitle', 'dcTitle'),
    description: has('ogDescription', 'twitterDescription', 'dcDescription'),
    image: has('ogImage', 'twitterImage'),
    author: has('author', 'dcCreator', 'articleAuthor'),
    date: has('articlePublishedTime', 'ogDate', 'dcDate', 'articlePublishedDate', 'releaseDate'),
    lang: has('ogLocale', 'dcLanguage'),
    siteName: has('ogSiteName'),
    canonical: has('ogUrl'),
    logo: has('ogLogo', 'favicon') && r.favicon !== 'favicon.ico',
  };
}
