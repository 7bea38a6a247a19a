// The three extractors under test, each given the same decoded HTML and page URL and mapped onto the
// scored fields as honestly as its output allows.
import { extractPage } from '@unfurl/extractor';
import createMetascraper from 'metascraper';
import metascraperAuthor from 'metascraper-author';
import metascraperDate from 'metascraper-date';
import metascraperDescription from 'metascraper-description';
import metascraperImage from 'metascraper-image';
import metascraperLang from 'metascraper-lang';
import metascraperLogo from 'metascraper-logo';
import metascraperPublisher from 'metascraper-publisher';
import metascraperTitle from 'metascraper-title';
import metascraperUrl from 'metascraper-url';
import ogs from 'open-graph-scraper';
import type { Card } from './score';

export interface Tool {
  name: string;
  /** What the scored fields are taken from, where that is not obvious; shown under the table. */
  notes: string[];
  run(html: string, pageUrl: string): Promise<Card>;
}

const str = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value : null);

export const unfurl: Tool = {
  name: 'Unfurl',
  notes: [],
  async run(html, pageUrl) {
    const { metadata: m } = extractPage({ body: html, url: pageUrl, contentType: 'text/html' });
    return {
      title: m.title,
      description: m.description,
      image: m.image?.url ?? null,
      author: m.author,
      publishedAt: m.publishedAt,
      modifiedAt: m.modifiedAt,
      lang: m.lang,
      siteName: m.siteName,
      publisher: m.publisher,
      url: m.url,
      logo: m.logo?.url ?? null,
      type: m.type,
    };
  },
};

// Every standard rule package that works offline (metascraper-logo-favicon and the like fetch).
const scrape = createMetascraper([
  metascraperAuthor(),
  metascraperDate({ dateModified: true, datePublished: false }),
  metascraperDescription(),
  metascraperImage(),
  metascraperLang(),
  metascraperLogo(),
  metascraperPublisher(),
  metascraperTitle(),
  metascraperUrl(),
]);

export const metascraper: Tool = {
  name: 'metascraper',
  notes: ['metascraper: `publisher` (its site name) is scored as both siteName and publisher; `date` as publishedAt; `dateModified` as modifiedAt; it has no type field.'],
  async run(html, pageUrl) {
    const m = (await scrape({ html, url: pageUrl })) as Record<string, unknown>;
    return {
      title: str(m.title),
      description: str(m.description),
      image: str(m.image),
      author: str(m.author),
      publishedAt: str(m.date),
      modifiedAt: str(m.dateModified),
      lang: str(m.lang),
      siteName: str(m.publisher),
      publisher: str(m.publisher),
      url: str(m.url),
      logo: str(m.logo),
      type: null,
    };
  },
};

export const openGraphScraper: Tool = {
  name: 'open-graph-scraper',
  notes: ['open-graph-scraper: ogSiteName is scored as both siteName and publisher; ogLocale as lang; favicon as logo; its relative URLs are resolved against the page URL.'],
  async run(html, pageUrl) {
    const answer = await ogs({ html }).catch((error: unknown) => ({ result: (error as { result?: unknown }).result ?? {} }));
    const r = answer.result as Record<string, unknown>;
    const image = Array.isArray(r.ogImage) ? str((r.ogImage[0] as { url?: unknown } | undefined)?.url) : null;
    const absolute = (value: string | null) => {
      if (!value) return null;
      try {
        return new URL(value, pageUrl).href;
      } catch {
        return value;
      }
    };
    return {
      title: str(r.ogTitle),
      description: str(r.ogDescription),
      image: absolute(image),
      author: str(r.author) ?? str(r.articleAuthor),
      publishedAt: str(r.ogDate) ?? str(r.articlePublishedTime) ?? str(r.ogArticlePublishedTime),
      modifiedAt: str(r.articleModifiedTime) ?? str(r.ogArticleModifiedTime) ?? str(r.updatedTime),
      lang: str(r.ogLocale),
      siteName: str(r.ogSiteName),
      publisher: str(r.ogSiteName),
      url: absolute(str(r.ogUrl)),
      // Its default when a page declares no icon is the bare "favicon.ico", meant as the site's root icon.
      logo: absolute(r.favicon === 'favicon.ico' ? '/favicon.ico' : str(r.favicon)),
      type: str(r.ogType),
    };
  },
};

export const TOOLS: Tool[] = [unfurl, metascraper, openGraphScraper];
