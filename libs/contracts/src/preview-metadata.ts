// The API's OpenAPI schemas of a preview's data are generated from these classes (the swagger
// plugin's dtoFileNameSuffix in nest-cli.json names this file): their doc comments are the API's
// documentation, and no DTO repeats them. Classes, not interfaces, for that reason only.

/** An image, video or audio resource found on a page; `url` is always absolute. */
export class Media {
  /** Absolute URL. */
  url: string;
  width?: number;
  height?: number;
  /** MIME type, when the page states it. */
  type?: string;
  alt?: string;
}

/** The provider's oEmbed response (https://oembed.com), trimmed to its known fields. */
export class OEmbed {
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

/**
 * Why a render failed: a code of the same closed set as a failed preview's (RENDER_UNAVAILABLE when
 * the render job could not be queued), and its fixed message.
 */
export class RenderFailure {
  /** @example UPSTREAM_TIMEOUT */
  code: string;
  message: string;
}

/** Where a preview's screenshot is served, and its size. */
export class ScreenshotLink {
  /** Path of the image on this API: `/v1/previews/{id}/screenshot`. */
  url: string;
  width: number;
  height: number;
}

/**
 * What the extractor makes of a page: the body of a ready preview (docs/architecture.md, "The
 * preview resource"). Members in PREVIEW_METADATA_KEY_ORDER, as answers carry them.
 */
export class PreviewMetadata {
  title: string | null;
  description: string | null;
  image: Media | null;
  /** Canonical URL of the page (canonical link, og:url, or the final URL). */
  url: string;
  /** URL the page was served from, after redirects. */
  finalUrl: string;
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
  images: Media[];
  logo: Media | null;
  video: Media | null;
  audio: Media | null;
  themeColor: string | null;
  oembed: OEmbed | null;
  /** MIME type the page was served with, without parameters. */
  contentType: string | null;
  /** `static`: read from the HTML as served; `rendered`: read after its scripts ran in headless Chromium. */
  fetchMode?: FetchMode;
  /** Why a wanted render did not happen (it failed or timed out): the static read is shown instead. */
  renderError?: RenderFailure;
  /** The screenshot of the rendered page, when one was asked for (`screenshot=true`). */
  screenshot?: ScreenshotLink;
}

export type FetchMode = 'static' | 'rendered';

/**
 * The order of a preview's `data` keys in every answer and webhook payload: what a card shows
 * first, then where it came from, then the rest. PostgreSQL's jsonb keeps its own key order (by
 * length), so the object is rebuilt in this one on the way out. Keys not listed (added by newer
 * workers) follow, in their stored order.
 */
export const PREVIEW_METADATA_KEY_ORDER = [
  'title',
  'description',
  'image',
  'url',
  'finalUrl',
  'siteName',
  'publisher',
  'author',
  'publishedAt',
  'modifiedAt',
  'lang',
  'type',
  'images',
  'logo',
  'video',
  'audio',
  'themeColor',
  'oembed',
  'contentType',
  'fetchMode',
  'renderError',
  'screenshot',
] as const satisfies ReadonlyArray<keyof PreviewMetadata>;

/** Media keys in their documented order (url, width, height, type, alt). */
const MEDIA_KEY_ORDER = ['url', 'width', 'height', 'type', 'alt'] as const satisfies ReadonlyArray<keyof Media>;

// Fails to compile when PreviewMetadata gains a key the order does not list.
type Unlisted = Exclude<keyof PreviewMetadata, (typeof PREVIEW_METADATA_KEY_ORDER)[number]>;
const everyKeyListed: Unlisted extends never ? true : Unlisted = true;
void everyKeyListed;

function inOrder<T extends object>(value: T, order: ReadonlyArray<keyof T>): T {
  const ordered: Record<string, unknown> = {};
  for (const key of order) if (key in value) ordered[key as string] = value[key];
  for (const [key, member] of Object.entries(value)) if (!(key in ordered)) ordered[key] = member;
  return ordered as T;
}

const mediaInOrder = (media: Media | null): Media | null => (media ? inOrder(media, MEDIA_KEY_ORDER) : null);

/** `data` with its keys (and its media's keys) in the documented order. */
export function orderPreviewMetadata(data: PreviewMetadata): PreviewMetadata {
  const ordered = inOrder(data, PREVIEW_METADATA_KEY_ORDER);
  if ('image' in data) ordered.image = mediaInOrder(data.image);
  if ('logo' in data) ordered.logo = mediaInOrder(data.logo);
  if ('video' in data) ordered.video = mediaInOrder(data.video);
  if ('audio' in data) ordered.audio = mediaInOrder(data.audio);
  if (Array.isArray(data.images)) ordered.images = data.images.map((media) => inOrder(media, MEDIA_KEY_ORDER));
  return ordered;
}
