import type { Media, OEmbed, PreviewMetadata } from '@unfurl/contracts';

export class MediaDto implements Media {
  /** Absolute URL. */
  url: string;
  width?: number;
  height?: number;
  /** MIME type, when the page states it. */
  type?: string;
  alt?: string;
}

/** The provider's oEmbed response (https://oembed.com). */
export class OEmbedDto implements OEmbed {
  /** photo, video, link or rich. */
  type: string;
  version?: string;
  title?: string;
  author_name?: string;
  author_url?: string;
  provider_name?: string;
  provider_url?: string;
  thumbnail_url?: string;
  thumbnail_width?: number;
  thumbnail_height?: number;
  /** Embed HTML from the provider: render it sandboxed. */
  html?: string;
  width?: number | null;
  height?: number | null;
  url?: string;
}

export class PreviewMetadataDto implements PreviewMetadata {
  /** Canonical URL of the page. */
  url: string;
  /** URL the page was served from, after redirects. */
  finalUrl: string;
  title: string | null;
  description: string | null;
  siteName: string | null;
  publisher: string | null;
  author: string | null;
  /** ISO 8601. */
  publishedAt: string | null;
  /** ISO 8601. */
  modifiedAt: string | null;
  /** BCP 47 language tag. */
  lang: string | null;
  /** article, website, video.other, product, image, ... */
  type: string | null;
  image: MediaDto | null;
  images: MediaDto[];
  logo: MediaDto | null;
  video: MediaDto | null;
  audio: MediaDto | null;
  themeColor: string | null;
  oembed: OEmbedDto | null;
  /** MIME type the page was served with. */
  contentType: string | null;
}
