import { PreviewErrorDto } from './preview-error.dto';
import type { FetchMode, Media, OEmbed, PreviewMetadata } from '@unfurl/contracts';

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

export class ScreenshotDto {
  /** Path of the image on this API: `/v1/previews/{id}/screenshot`. */
  url: string;
  width: number;
  height: number;
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
  /** `static`: read from the HTML as served; `rendered`: read after its scripts ran in a headless browser. */
  fetchMode?: FetchMode;
  /** Why a wanted render did not happen (failed or timed out): the static read is shown instead. */
  renderError?: PreviewErrorDto;
  /** A screenshot of the rendered page, when one was asked for (`screenshot=true`). */
  screenshot?: ScreenshotDto;
}
