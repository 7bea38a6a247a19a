import type { Media } from '@unfurl/contracts';
import { MetaIndex, type SourceFields } from '../source-fields';
import { toDimension } from '../text';
import { resolveUrl } from '../urls';

/** Twitter/X cards (https://developer.x.com/en/docs/x-for-websites/cards): title, description, image, player. */
export function readTwitterCard(meta: MetaIndex, base: string): SourceFields {
  const images: Media[] = [];
  const imageUrl = resolveUrl(meta.get('twitter:image', 'twitter:image:src', 'twitter:image0', 'twitter:image:url'), base);
  if (imageUrl) {
    const image: Media = { url: imageUrl };
    const width = toDimension(meta.get('twitter:image:width'));
    const height = toDimension(meta.get('twitter:image:height'));
    const alt = meta.get('twitter:image:alt')?.trim();
    if (width) image.width = width;
    if (height) image.height = height;
    if (alt) image.alt = alt;
    images.push(image);
  }
  const playerUrl = resolveUrl(meta.get('twitter:player', 'twitter:player:url'), base);
  let video: Media | null = null;
  if (playerUrl) {
    video = { url: playerUrl, type: 'text/html' };
    const width = toDimension(meta.get('twitter:player:width'));
    const height = toDimension(meta.get('twitter:player:height'));
    if (width) video.width = width;
    if (height) video.height = height;
  }
  return {
    title: meta.get('twitter:title'),
    description: meta.get('twitter:description'),
    images,
    video,
  };
}
