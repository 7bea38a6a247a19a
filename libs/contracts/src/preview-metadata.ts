/** An image, video or audio resource found on a page; `url` is always absolute. */
export interface Media {
  url: string;
  width?: number;
  height?: number;
  type?: string;
  alt?: string;
}

/** An oEmbed response as published by the provider (https://oembed.com), trimmed to its known fields. */
export interface OEmbed {
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
  html?: string;
  width?: number | null;
  height?: number | null;
  url?: string;
}

/** What the extractor makes of a page: the body of a ready preview (docs/architecture.md, "The preview resource"). */
export interface PreviewMetadata {
  /** Canonical URL of the page (canonical link, og:url, or the final URL). */
  url: string;
  /** URL the page was actually served from, after redirects. */
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
  /** og:type or the JSON-LD @type, lower-cased (article, website, video.other, product, ...). */
  type: string | null;
  image: Media | null;
  images: Media[];
  logo: Media | null;
  video: Media | null;
  audio: Media | null;
  themeColor: string | null;
  oembed: OEmbed | null;
  /** MIME type the page was served with, without parameters. */
  contentType: string | null;
  /** Set by the worker: read statically, or rendered in headless Chromium (apps/renderer). */
  fetchMode?: FetchMode;
  /** Set when a render was wanted but failed or timed out, so the static read was kept. */
  renderError?: { code: string; message: string };
  /** Set when a screenshot was asked for and taken; `url` is the API's path to it. */
  screenshot?: { url: string; width: number; height: number };
}

export type FetchMode = 'static' | 'rendered';
