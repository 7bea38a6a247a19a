import type { Media } from '@unfurl/contracts';
import type { ScannedPage } from '../scanned-page';
import { MetaIndex, type SourceFields } from '../source-fields';
import { toDimension } from '../text';
import { resolveUrl } from '../urls';
import { MAX_IMAGES } from '../limits';

/** OpenGraph (https://ogp.me) including structured og:image/video/audio properties and article:* tags. */
export function readOpenGraph(page: ScannedPage, meta: MetaIndex, base: string): SourceFields {
  return {
    url: resolveUrl(meta.get('og:url'), base),
    title: meta.get('og:title'),
    description: meta.get('og:description'),
    siteName: meta.get('og:site_name'),
    author: meta.get('article:author', 'og:article:author', 'book:author', 'og:author'),
    publishedAt: meta.get('article:published_time', 'og:article:published_time', 'og:published_time', 'article:published', 'published_time', 'video:release_date'),
    modifiedAt: meta.get('article:modified_time', 'og:article:modified_time', 'og:updated_time', 'og:modified_time', 'article:updated_time', 'article:modified', 'modified_time'),
    lang: meta.get('og:locale'),
    type: meta.get('og:type'),
    images: structuredMedia(page, 'og:image', base).slice(0, MAX_IMAGES),
    video: structuredMedia(page, 'og:video', base)[0] ?? null,
    audio: structuredMedia(page, 'og:audio', base)[0] ?? null,
    logo: mediaOf(resolveUrl(meta.get('og:logo'), base)),
  };
}

function mediaOf(url: string | null): Media | null {
  return url ? { url } : null;
}

/**
 * Reads og:image-style structured properties in document order: a bare `og:image` (or `:url` after a
 * complete one) starts a new item and the `:width`, `:height`, `:type`, `:alt`, `:secure_url` after it describe it.
 */
function structuredMedia(page: ScannedPage, prefix: string, base: string): Media[] {
  const items: { url?: string; secureUrl?: string; width?: number; height?: number; type?: string; alt?: string }[] = [];
  let current: (typeof items)[number] | undefined;
  for (const { key, content } of page.metas) {
    if (!key.startsWith(prefix)) continue;
    const field = key.slice(prefix.length);
    const value = content.trim();
    if (field === '' || field === ':url') {
      if (!current || current.url !== undefined) items.push((current = {}));
      if (current.url === undefined) current.url = value;
      continue;
    }
    if (!current) items.push((current = {}));
    if (field === ':secure_url') current.secureUrl ??= value;
    else if (field === ':width') current.width ??= toDimension(value);
    else if (field === ':height') current.height ??= toDimension(value);
    else if (field === ':type') current.type ??= value.toLowerCase();
    else if (field === ':alt') current.alt ??= value;
  }
  const media: Media[] = [];
  for (const item of items) {
    // secure_url exists for exactly this reason: prefer it when it is usable.
    const url = resolveUrl(item.secureUrl, base) ?? resolveUrl(item.url, base);
    if (!url) continue;
    const m: Media = { url };
    if (item.width) m.width = item.width;
    if (item.height) m.height = item.height;
    if (item.type && /^[a-z]+\/[\w.+-]+$/.test(item.type)) m.type = item.type;
    if (item.alt?.trim()) m.alt = item.alt.trim();
    media.push(m);
  }
  return media;
}
