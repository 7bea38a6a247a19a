import type { Media, PreviewMetadata } from '@unfurl/contracts';
import type { ContentKind } from './content-type';
import { sniffImageSize } from './image-size';
import { fileNameOf } from './urls';

const TYPE_OF_KIND: Record<string, string> = { image: 'image', video: 'video', audio: 'audio', document: 'document' };

/** A preview of a URL that serves a file rather than a page: the file itself is the card's media. */
export function nonHtmlPreview(bytes: Uint8Array, url: string, mime: string | null, kind: ContentKind): PreviewMetadata {
  const media: Media = { url };
  if (mime) media.type = mime;
  if (kind === 'image') {
    const size = sniffImageSize(bytes);
    if (size) {
      media.width = size.width;
      media.height = size.height;
      media.type ??= size.type;
    }
  }
  return {
    url,
    finalUrl: url,
    title: fileNameOf(url),
    description: null,
    siteName: null,
    publisher: null,
    author: null,
    publishedAt: null,
    modifiedAt: null,
    lang: null,
    type: TYPE_OF_KIND[kind] ?? null,
    image: kind === 'image' ? media : null,
    images: kind === 'image' ? [media] : [],
    logo: null,
    video: kind === 'video' ? media : null,
    audio: kind === 'audio' ? media : null,
    themeColor: null,
    oembed: null,
    contentType: mime,
  };
}
