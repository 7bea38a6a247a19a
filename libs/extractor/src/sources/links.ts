import type { ScannedPage } from '../scanned-page';
import type { SourceFields } from '../source-fields';
import { resolveUrl } from '../urls';

/** `<link>` elements: the canonical URL and the legacy `image_src`. Icons are read by logo.ts. */
export function readLinks(page: ScannedPage, base: string): SourceFields {
  const href = (rel: string) => {
    const link = page.links.find((l) => l.rel.split(/\s+/).includes(rel));
    return link ? resolveUrl(link.href, base) : null;
  };
  const imageSrc = href('image_src');
  return { url: href('canonical'), images: imageSrc ? [{ url: imageSrc }] : [] };
}

/** The oEmbed JSON endpoint a page advertises with `<link rel="alternate" type="application/json+oembed">`. */
export function discoveredOembedUrl(page: ScannedPage, base: string): string | null {
  for (const link of page.links) {
    if (link.rel.split(/\s+/).includes('alternate') && link.type.includes('json+oembed')) {
      const url = resolveUrl(link.href, base);
      if (url) return url;
    }
  }
  return null;
}
