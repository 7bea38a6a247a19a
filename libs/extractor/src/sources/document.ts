import type { Media } from '@unfurl/contracts';
import { bylineName } from '../author';
import { dateInText, dateInUrlPath } from '../dates';
import { MIN_CONTENT_IMAGE_PX } from '../html-scanner';
import type { ImageTag, ScannedPage } from '../scanned-page';
import type { SourceFields } from '../source-fields';
import { resolveUrl } from '../urls';

// Words that mark a dateline as the date of the last change.
const UPDATED = /updated|last update|modified|mis à jour|aktualisiert|actualizado|aggiornato|bijgewerkt|更新/i;

// Addresses of images that are never the picture of a page.
const NOT_CONTENT_IMAGE = /(^|[/_.-])(logo|icon|favicon|sprite|spacer|blank|pixel|tracking|tracker|beacon|badge|avatar|emoji|button|loader|loading|placeholder|1x1|transparent)s?([/_.-]|$)|\.svg(\?|$)|\/ads?\/|doubleclick|\/pixel\?|gravatar\.com|facebook\.com\/tr/i;

// Photographs; PNG and GIF files without stated sizes are mostly interface graphics (logos, badges, QR codes).
const PHOTO_FILE = /\.(jpe?g|webp|avif)(\?|#|$)/i;

/** What the document itself says: `<html lang>`, `<title>`, first prose paragraph, first content image. */
export function readDocument(page: ScannedPage, base: string): SourceFields {
  const image = firstContentImage(page.images, base);
  return {
    title: page.title,
    description: page.paragraph,
    // The first byline-like text that reads like names ("About the author" and "More posts" do not).
    author: firstName(page.bylines),
    lang: page.htmlLang,
    // A machine-readable <time>, else the day in a news URL's path, else the first date a dateline prints.
    publishedAt: page.timeDatetime ?? dateInUrlPath(base) ?? firstDate(page.datelines),
    // "Updated on December 12, 2016", "Mis à jour le 08 mai 2019", "2019年04月21日 12時00分更新".
    modifiedAt: firstDate(page.datelines.filter((text) => UPDATED.test(text))),
    images: image ? [image] : [],
  };
}

function firstDate(datelines: string[]): string | null {
  for (const text of datelines) {
    const date = dateInText(text);
    if (date) return date;
  }
  return null;
}

function firstName(bylines: string[]): string | null {
  for (const text of bylines) {
    const name = bylineName(text);
    if (name) return name;
  }
  return null;
}

function firstContentImage(images: ImageTag[], base: string): Media | null {
  for (const image of images) {
    const { width = 0, height = 0 } = image;
    // Stated sizes decide; without them, judge by the address.
    if ((width && width < MIN_CONTENT_IMAGE_PX) || (height && height < MIN_CONTENT_IMAGE_PX)) continue;
    if (NOT_CONTENT_IMAGE.test(image.src)) continue;
    // Without stated sizes, only an address that names a photo file is trusted (beacons have none).
    if (!width && !height && !PHOTO_FILE.test(image.src)) continue;
    const url = resolveUrl(image.src, base);
    if (!url) continue;
    const media: Media = { url };
    if (width) media.width = width;
    if (height) media.height = height;
    if (image.alt.trim()) media.alt = image.alt.trim();
    return media;
  }
  return null;
}
