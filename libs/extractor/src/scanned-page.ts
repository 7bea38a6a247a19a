/** What the HTML scanner keeps of a page: only the raw material the metadata sources read. */
export interface ScannedPage {
  htmlLang: string | null;
  baseHref: string | null;
  /** Text of the first `<title>` outside SVG. */
  title: string | null;
  /** `<meta>` tags in document order; one entry per name/property/http-equiv the tag carries, key lower-cased. */
  metas: MetaTag[];
  links: LinkTag[];
  /** Raw text of `<script type="application/ld+json">` elements. */
  jsonLd: string[];
  /** Microdata values; `path` joins the itemprop names of enclosing items, e.g. "author.name". */
  itemProps: ItemProp[];
  /** Text of the first `<h1>`. */
  h1: string | null;
  /** Text of the first paragraph in the body that reads like prose. */
  paragraph: string | null;
  images: ImageTag[];
  /** `datetime` of the first `<time>` marked as a publication date, else of the first `<time>` in the body content. */
  timeDatetime: string | null;
  /** Text of dateline-like elements in the body content (class or id says date/time/published, or a `<time>` without datetime). */
  datelines: string[];
  /**
   * Raw text of byline-like elements in the body, in the order they close (innermost first): `rel=author`
   * links, elements whose class or id says byline/author, and what follows a lone "By". Names are picked
   * from them by the document source.
   */
  bylines: string[];
}

export interface MetaTag {
  key: string;
  content: string;
}

export interface LinkTag {
  rel: string;
  href: string;
  type: string;
  sizes: string;
}

export interface ItemProp {
  path: string;
  value: string;
  /** The itemtype of the item the property belongs to (last URL segment, e.g. "NewsArticle"), or "". */
  itemType: string;
}

export interface ImageTag {
  src: string;
  width: number | undefined;
  height: number | undefined;
  alt: string;
}
