import type { Media } from '@unfurl/contracts';
import type { ScannedPage } from '../scanned-page';
import type { SourceFields } from '../source-fields';
import { resolveUrl } from '../urls';

// Items that describe something other than the page (breadcrumbs, comments, ratings, navigation).
const IGNORED_ITEM_TYPES = /^(BreadcrumbList|ListItem|SiteNavigationElement|Comment|Rating|AggregateRating|Offer|AggregateOffer|Review|Question|Answer|WPHeader|WPFooter|WPSideBar)$/;

/** Microdata (`itemprop`) values of the page's items, first occurrence per property path. */
export function readMicrodata(page: ScannedPage, base: string): SourceFields {
  if (page.itemProps.length === 0) return {};
  const values = new Map<string, string>();
  for (const { path, value, itemType } of page.itemProps) {
    if (IGNORED_ITEM_TYPES.test(itemType) || values.has(path)) continue;
    values.set(path, value);
  }
  const get = (...paths: string[]) => {
    for (const path of paths) {
      const value = values.get(path);
      if (value?.trim()) return value;
    }
    return null;
  };
  const image = resolveUrl(get('image', 'image.url', 'image.contentUrl', 'thumbnailUrl', 'primaryImageOfPage.url'), base);
  const logo = resolveUrl(get('publisher.logo', 'publisher.logo.url', 'logo'), base);
  return {
    title: get('headline', 'name'),
    description: get('description'),
    author: get('author.name', 'author', 'creator.name', 'creator'),
    publishedAt: get('datePublished', 'uploadDate', 'dateCreated'),
    modifiedAt: get('dateModified'),
    publisher: get('publisher.name', 'publisher'),
    lang: get('inLanguage'),
    images: image ? [{ url: image } satisfies Media] : [],
    logo: logo ? { url: logo } : null,
  };
}
