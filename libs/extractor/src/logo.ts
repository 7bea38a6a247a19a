import type { Media } from '@unfurl/contracts';
import type { LinkTag } from './scanned-page';
import { resolveUrl } from './urls';

interface IconCandidate {
  media: Media;
  rank: number;
  size: number;
}

/**
 * The site's logo for the card: the logo the structured data names (JSON-LD publisher.logo, og:logo,
 * microdata), then the largest apple-touch icon (made to be shown at size), then the largest `icon`
 * link, then a mask icon, then `/favicon.ico`. An icon's size comes from `sizes`, else from its file
 * name ("apple-touch-icon-144-precomposed.png", "favicon-180x180.png").
 */
export function pickLogo(links: LinkTag[], structuredLogo: Media | null, base: string, pageUrl: string): Media | null {
  if (structuredLogo) return structuredLogo;
  const candidates: IconCandidate[] = [];
  for (const link of links) {
    const rels = link.rel.split(/\s+/);
    const rank = rels.some((r) => r.startsWith('apple-touch-icon')) ? 3 : rels.includes('icon') || rels.includes('fluid-icon') ? 2 : rels.includes('mask-icon') ? 0 : -1;
    if (rank < 0) continue;
    const url = resolveUrl(link.href, base);
    if (!url) continue;
    const media: Media = { url };
    const size = largestSize(link.sizes);
    if (size) [media.width, media.height] = [size, size];
    if (/^image\/[\w.+-]+$/.test(link.type)) media.type = link.type;
    // An SVG icon scales to any size; rank it like a large bitmap. An unsized touch icon is usually
    // 180 px, one stated to be 180 px is certainly.
    const effective = size || sizeInFileName(url) || (link.type === 'image/svg+xml' || /\.svg(\?|$)/i.test(url) ? 256 : rank === 3 ? 179 : 16);
    candidates.push({ media, rank, size: effective });
  }
  candidates.sort((a, b) => b.rank - a.rank || b.size - a.size);
  if (candidates[0]) return candidates[0].media;
  try {
    return { url: new URL('/favicon.ico', pageUrl).href };
  } catch {
    return null;
  }
}

/** "icon-180x180.png", "apple-touch-icon-144-precomposed.png", "favicon_114.png": the size an icon's file name states. */
function sizeInFileName(url: string): number {
  const file = url.split(/[?#]/)[0].split('/').pop() ?? '';
  const m = file.match(/(?:^|[-_.])(\d{2,3})(?:x(\d{2,3}))?(?=[-_.])/);
  return m ? Number(m[1]) : 0;
}

function largestSize(sizes: string): number {
  let largest = 0;
  for (const token of sizes.toLowerCase().split(/\s+/)) {
    if (token === 'any') return 512;
    const m = token.match(/^(\d+)x(\d+)$/);
    if (m) largest = Math.max(largest, Math.min(Number(m[1]), Number(m[2])));
  }
  return largest;
}
