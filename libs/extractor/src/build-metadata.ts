import type { Media, PreviewMetadata } from '@unfurl/contracts';
import { cleanAuthor, creditInCardText, writerOverOutlet } from './author';
import { toIsoDate } from './dates';
import { langFromText, normaliseLang } from './lang';
import { MAX_IMAGES } from './limits';
import { pickLogo } from './logo';
import type { ScannedPage } from './scanned-page';
import type { SourceFields } from './source-fields';
import { cleanText } from './text';
import { isHeadline, siteNameFromTitle } from './title';
import { looksLikeUrl } from './urls';

export type SourceName = 'openGraph' | 'twitter' | 'jsonLd' | 'microdata' | 'meta' | 'dublinCore' | 'links' | 'document';
export type Sources = Record<SourceName, SourceFields>;

/**
 * Which source wins, per field, first to last. Publisher-declared social tags come first because sites
 * write them for exactly this card; JSON-LD next (structured, usually right about authors and dates);
 * then microdata, plain meta tags and Dublin Core; what the document itself shows is the last resort.
 */
export const PRECEDENCE = {
  url: ['links', 'openGraph'],
  // The title as the publisher states it, as card renderers show it: og:title, twitter:title, JSON-LD
  // headline/name, then <title>; microdata and Dublin Core only for pages without a <title>.
  title: ['openGraph', 'twitter', 'jsonLd', 'document', 'microdata', 'dublinCore'],
  description: ['openGraph', 'twitter', 'meta', 'jsonLd', 'microdata', 'dublinCore', 'document'],
  siteName: ['openGraph', 'meta', 'jsonLd', 'microdata'],
  publisher: ['jsonLd', 'microdata', 'dublinCore', 'meta'],
  // article:author is a URL more often than a name, but when it is a name it is the writer's, while a
  // plain meta author is as often the company (cleanAuthor drops URLs, so the order costs nothing).
  author: ['jsonLd', 'openGraph', 'meta', 'microdata', 'dublinCore', 'document'],
  publishedAt: ['openGraph', 'jsonLd', 'microdata', 'meta', 'dublinCore', 'document'],
  modifiedAt: ['openGraph', 'jsonLd', 'microdata', 'meta', 'dublinCore', 'document'],
  lang: ['document', 'meta', 'openGraph', 'dublinCore', 'jsonLd', 'microdata'],
  type: ['openGraph', 'jsonLd'],
  images: ['openGraph', 'twitter', 'jsonLd', 'microdata', 'links', 'document'],
  video: ['openGraph', 'twitter', 'jsonLd'],
  audio: ['openGraph', 'jsonLd'],
  logo: ['openGraph', 'jsonLd', 'microdata'],
  themeColor: ['meta'],
} satisfies Record<string, SourceName[]>;

type Field = keyof typeof PRECEDENCE;

const text = (value: string) => cleanText(value);
const name = (value: string) => (looksLikeUrl(value.trim()) ? null : cleanText(value, 200));

export function buildMetadata(page: ScannedPage, sources: Sources, finalUrl: string, base: string, contentType: string | null): Omit<PreviewMetadata, 'oembed'> {
  const pick = <T>(field: Field, clean: (value: string) => T | null): T | null => {
    for (const source of PRECEDENCE[field]) {
      const raw = sources[source][field as keyof SourceFields];
      if (typeof raw !== 'string') continue;
      const value = clean(raw);
      if (value !== null) return value;
    }
    return null;
  };
  const pickMedia = (field: 'video' | 'audio' | 'logo'): Media | null => {
    for (const source of PRECEDENCE[field]) {
      const media = sources[source][field];
      if (media) return media;
    }
    return null;
  };

  const publisher = pick('publisher', name);
  // A stated publisher names the site better than a guess from the title.
  // application-name and the like sometimes carry the headline instead of a brand.
  const brand = (value: string) => {
    const n = name(value);
    return n && !isHeadline(n, cleanText(page.title)) ? n : null;
  };
  const siteName = pick('siteName', brand) ?? publisher ?? siteNameFromTitle(cleanText(page.title), finalUrl);
  // Entities decoded and whitespace collapsed, nothing else: no site suffix is stripped. The first
  // <h1> stands in only when the page states no title anywhere.
  const title = pick('title', text) ?? cleanText(page.h1);
  const description = pick('description', text);
  const images = collectImages(sources);
  const pickAuthor = () => {
    const orgNames = [siteName, publisher];
    const stated = pick('author', (v) => cleanAuthor(v, orgNames));
    const shown = cleanAuthor(sources.document.author, orgNames);
    return writerOverOutlet(stated, shown, page.bylines) ?? creditInCardText([title, cleanText(page.title)], description, orgNames);
  };
  return {
    url: pick('url', (v) => v) ?? finalUrl,
    finalUrl,
    title,
    description,
    siteName,
    publisher: publisher ?? siteName,
    author: pickAuthor(),
    publishedAt: pick('publishedAt', (v) => toIsoDate(v)),
    modifiedAt: pick('modifiedAt', (v) => toIsoDate(v)),
    lang: pick('lang', normaliseLang) ?? langFromText(title, description),
    type: pick('type', (v) => cleanText(v, 60)?.toLowerCase() ?? null),
    image: images[0] ?? null,
    images,
    logo: pickLogo(page.links, pickMedia('logo'), base, finalUrl),
    video: pickMedia('video'),
    audio: pickMedia('audio'),
    themeColor: pick('themeColor', (v) => cleanText(v, 40)),
    contentType,
  };
}

/** Every distinct image in precedence order; a later mention of the same URL only adds missing details. */
function collectImages(sources: Sources): Media[] {
  const byUrl = new Map<string, Media>();
  for (const source of PRECEDENCE.images) {
    for (const image of sources[source].images ?? []) {
      const seen = byUrl.get(image.url);
      if (seen) {
        seen.width ??= image.width;
        seen.height ??= image.height;
        seen.type ??= image.type;
        seen.alt ??= image.alt;
        for (const key of ['width', 'height', 'type', 'alt'] as const) if (seen[key] === undefined) delete seen[key];
      } else if (byUrl.size < MAX_IMAGES) {
        byUrl.set(image.url, { ...image });
      }
    }
  }
  return [...byUrl.values()];
}
