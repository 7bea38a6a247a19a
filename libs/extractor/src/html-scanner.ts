import type { Parser } from 'htmlparser2';
import {
  MAX_BODY_IMAGES,
  MAX_BYLINES,
  MAX_DATELINES,
  MAX_DEPTH,
  MAX_ITEM_PROPS,
  MAX_JSON_LD_CHARS,
  MAX_JSON_LD_SCRIPTS,
  MAX_KEPT_ATTRIBUTE_CHARS,
  MAX_LINK_TAGS,
  MAX_META_TAGS,
  MAX_TEXT_CHARS,
} from './limits';
import type { PageText } from './page-text';
import { parseHtml, type HtmlReader, type KeptAttributes } from './parse-html';
import type { ImageTag, ScannedPage } from './scanned-page';
import { toDimension } from './text';

interface Capture {
  kind: 'title' | 'h1' | 'p' | 'itemprop' | 'jsonld' | 'byline' | 'dateline';
  depth: number;
  text: string;
  limit: number;
  path?: string;
  itemType?: string;
  /** The scanner's tag count when text was last added: a different count means an element boundary since. */
  tagsAtText?: number;
}

interface ItemScope {
  depth: number;
  path: string;
  itemType: string;
}

// A paragraph shorter than this is usually a dateline, a caption or a cookie notice, not the page's prose.
const MIN_PARAGRAPH_CHARS = 80;
// Images smaller than this in both stated dimensions are icons, avatars or tracking pixels.
export const MIN_CONTENT_IMAGE_PX = 200;
// Page furniture whose paragraphs and images say nothing about the page itself.
const CHROME_TAGS = new Set(['nav', 'footer', 'aside', 'form', 'header', 'menu', 'dialog']);
const AUTHOR_REL = /(^|\s)author(\s|$)/i;
// A byline often sits in the article's <header>, never in the other page furniture.
const BYLINE_CHROME_TAGS = new Set(['header']);
// Class or id of an element that holds the byline ("byline", "article__author", "author-name", "contributor").
const BYLINE_ATTRIBUTE = /byline|author|contributor|writer/i;
// Attributes that label an element for tests or analytics.
const LABEL_ATTRIBUTES = ['data-testid', 'data-test', 'data-qa', 'data-component', 'data-ga-label', 'gtm-label', 'data-gtm-label'] as const;
/** Every attribute the scanner reads: the parser drops the rest unread, and reading another does not compile. */
const SCANNED_ATTRIBUTES = [
  ...LABEL_ATTRIBUTES,
  'alt', 'class', 'content', 'data', 'datetime', 'height', 'href', 'http-equiv', 'id', 'itemprop', 'itemscope', 'itemtype', 'lang',
  'name', 'property', 'pubdate', 'rel', 'sizes', 'type', 'value', 'width', 'xml:lang',
  'src', 'srcset', 'data-src', 'data-lazy-src', 'data-original', 'data-url', 'data-srcset',
] as const;
type Attributes = KeptAttributes<typeof SCANNED_ATTRIBUTES>;
const SCANNED_ATTRIBUTES_SET: ReadonlySet<string> = new Set(SCANNED_ATTRIBUTES);
// A text node that is only the word before a byline's name: "By", "Par", "Von", "Por", "Door".
const BY_WORD = /^\s*(by|written by|words by|story by|text by|par|un texte de|von|por|door|av)\s*:?\s*$/i;
// Class or id of an element that prints the page's date ("dateline", "article-date", "timestamp", "posted-on").
const DATELINE_ATTRIBUTE = /date|time|publish|posted/i;
// Elements that never hold a byline's or dateline's text themselves.
const NO_TEXT_TAGS = new Set(['img', 'svg', 'path', 'use', 'g', 'input', 'button', 'select', 'option', 'source', 'picture', 'video', 'iframe', 'br', 'hr', 'i', 'ul', 'ol', 'table', 'tr', 'script', 'style', 'noscript', 'link', 'meta']);
const BYLINE_OR_DATELINE_ATTRIBUTE = /byline|author|contributor|writer|date|time|publish|posted/i;
// A text node that starts like a whole byline: "By Jane Doe" (whether a name follows is judged later).
const BY_NAME = /^\s*([Bb]y|[Pp]ar|[Vv]on|[Pp]or|[Dd]oor)(\s+|\.\s*)\p{Lu}/u;
// First letters of the words above: most texts are ruled out before any regular expression runs.
const BY_INITIALS = new Set('bBwWsStTpPuUvVdDaA');
// Letters of scripts written with spaces between words, at the end and start of adjacent texts.
const WORD_END = /[\p{L}\p{N}](?<![\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}])$/u;
const WORD_START = /^[\p{L}\p{N}](?![\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}])/u;
// At most this many byline and dateline elements are read at once (they nest: wrapper, name, link).
const MAX_SIDE_CAPTURES = 3;
// Captures of byline text stop here: a name with a "By" is short, anything longer is not a byline.
const MAX_BYLINE_CHARS = 300;
const KEPT_LINK_RELS = /(^|\s)(canonical|icon|apple-touch-icon|apple-touch-icon-precomposed|mask-icon|alternate|image_src|fluid-icon)(\s|$)/;
const MICRODATA_SRC_TAGS = new Set(['audio', 'embed', 'iframe', 'img', 'source', 'track', 'video']);
const MICRODATA_HREF_TAGS = new Set(['a', 'area', 'link']);
const JSON_LD_SCRIPT = /<script\b[^>]*ld\+json[^>]*>([\s\S]*?)<\/script>/gi;
// A script start tag, to its end or to the end of the text.
const SCRIPT_START = /<script\b([^>]*)(>|$)/gi;

/**
 * Streams the page through htmlparser2 and keeps the few things the metadata sources read.
 * Parsing stops once the head is done and the body has shown its headline, first paragraph and a
 * content image (nothing further down changes the card), except that JSON-LD further down is still
 * picked up by a plain text search, and pages with open microdata items are read to the end.
 */
export function scanHtml(text: PageText): ScannedPage {
  const scanner = new Scanner();
  const parser = parseHtml(text, scanner);
  if (scanner.stoppedEarly) scanner.findLaterJsonLd(text.from(parser.endIndex + 1));
  return scanner.page;
}

/**
 * Where the text from `from` on could still hold the start of a JSON-LD script that more text would
 * complete: a script start tag cut off by the end, or a JSON-LD one whose end tag has not come yet.
 * Otherwise only the last characters, which may be the first of a `<script`.
 */
function unfinishedScriptAt(text: string, from: number): number {
  const start = new RegExp(SCRIPT_START);
  start.lastIndex = from;
  for (let m = start.exec(text); m; m = start.exec(text)) {
    if (m[2] === '' || /ld\+json/i.test(m[1])) return m.index;
  }
  return Math.max(from, text.length - '<script'.length);
}

class Scanner implements HtmlReader {
  private parser!: Parser;
  readonly attributes = SCANNED_ATTRIBUTES_SET;
  stopped = false;
  stoppedEarly = false;
  readonly page: ScannedPage = {
    htmlLang: null,
    baseHref: null,
    title: null,
    metas: [],
    links: [],
    jsonLd: [],
    itemProps: [],
    h1: null,
    paragraph: null,
    images: [],
    bylines: [],
    datelines: [],
    timeDatetime: null,
  };
  private timeIsPublished = false;
  private depth = 0;
  private captures: Capture[] = [];
  private scopes: ItemScope[] = [];
  private tags = 0;
  private sideCaptures = 0;
  private chromeDepth = 0;
  private headerDepth = 0;
  /**
   * Depth of the element whose text was a lone "By": the next element opened inside it holds the name.
   * When that element closes first (`<span>By</span><a>Name</a>`), its parent takes over, once.
   */
  private byWordDepth = -1;
  private byWordLifted = false;
  private svgDepth = 0;
  private rawTextDepth = 0;
  private inBody = false;
  private sawHtml = false;
  private sawLargeImage = false;
  private jsonLdChars = 0;

  onparserinit(parser: Parser): void {
    this.parser = parser;
  }

  onopentag(name: string, attribs: Attributes): void {
    if (this.stopped) return;
    this.depth++;
    this.tags++;
    if (this.depth > MAX_DEPTH) return this.stop(false);
    if (this.svgDepth > 0) {
      if (name === 'svg') this.svgDepth++;
      return;
    }
    if (attribs.itemprop !== undefined || attribs.itemscope !== undefined) this.onItem(name, attribs);
    if (this.inBody && name === 'a' && this.chromeDepth !== this.headerDepth && attribs.rel !== undefined && this.page.bylines.length < MAX_BYLINES && AUTHOR_REL.test(attribs.rel)) {
      // rel=author says what it is even in an article's footer.
      this.capture('byline', MAX_BYLINE_CHARS);
    }
    if (this.inBylineArea()) {
      // One test of class and id for both kinds, on elements that hold text; few say either.
      const hinted = !NO_TEXT_TAGS.has(name) && hasWord(attribs, BYLINE_OR_DATELINE_ATTRIBUTE);
      if (this.page.bylines.length < MAX_BYLINES) this.onBylineCandidate(name, attribs, hinted);
      const dateline = (hinted && hasWord(attribs, DATELINE_ATTRIBUTE)) || (name === 'time' && !attribs.datetime);
      if (dateline && this.page.datelines.length < MAX_DATELINES && !this.isCapturing('dateline')) this.capture('dateline', MAX_BYLINE_CHARS);
    }
    switch (name) {
      case 'html':
        if (!this.sawHtml) {
          this.sawHtml = true;
          this.page.htmlLang = attribs.lang || attribs['xml:lang'] || null;
        }
        break;
      case 'base':
        if (this.page.baseHref === null && attribs.href) this.page.baseHref = keep(attribs.href);
        break;
      case 'title':
        if (this.page.title === null) this.capture('title', MAX_TEXT_CHARS);
        break;
      case 'meta':
        this.onMeta(attribs);
        break;
      case 'link':
        this.onLink(attribs);
        break;
      case 'script':
        this.rawTextDepth++;
        if (/ld\+json/i.test(attribs.type ?? '') && this.page.jsonLd.length < MAX_JSON_LD_SCRIPTS) {
          this.capture('jsonld', MAX_JSON_LD_CHARS);
        }
        break;
      case 'style':
      case 'template':
        this.rawTextDepth++;
        break;
      case 'svg':
        this.svgDepth = 1;
        break;
      case 'body':
        this.inBody = true;
        break;
      case 'h1':
        if (this.page.h1 === null && !this.isCapturing('h1')) this.capture('h1', MAX_TEXT_CHARS);
        break;
      case 'p':
        if (this.page.paragraph === null && this.chromeDepth === 0 && !this.isCapturing('p')) this.capture('p', MAX_TEXT_CHARS);
        break;
      case 'img':
        if (this.chromeDepth === 0) this.onImage(attribs);
        break;
      case 'time':
        if (attribs.datetime && this.inBody && this.chromeDepth === 0) this.onTime(attribs.datetime, attribs);
        break;
      default:
        if (CHROME_TAGS.has(name)) {
          this.chromeDepth++;
          if (BYLINE_CHROME_TAGS.has(name)) this.headerDepth++;
        }
        else if (this.inBody && this.canStop()) this.stop(true);
    }
  }

  ontext(text: string): void {
    if (this.stopped) return;
    if (this.rawTextDepth === 0 && text.length < MAX_BYLINE_CHARS && this.inBylineArea()) this.onShortText(text);
    for (const capture of this.captures) {
      if (this.rawTextDepth > 0 && capture.kind !== 'jsonld' && capture.kind !== 'title') continue;
      if (capture.text.length >= capture.limit) continue;
      // Byline parts often sit in separate elements with no space between them ("<span>By</span>Name").
      // (Text split by entities arrives in pieces too, with no element between them.)
      const gap = (capture.kind === 'byline' || capture.kind === 'dateline') && capture.tagsAtText !== this.tags && WORD_END.test(capture.text) && WORD_START.test(text);
      capture.text += gap ? ` ${text}` : text;
      capture.tagsAtText = this.tags;
    }
  }

  onclosetag(name: string): void {
    if (this.stopped) return;
    this.tags++;
    if (this.svgDepth > 0) {
      if (name === 'svg') this.svgDepth--;
    } else {
      if (name === 'script' || name === 'style' || name === 'template') this.rawTextDepth--;
      else if (CHROME_TAGS.has(name)) {
        this.chromeDepth--;
        if (BYLINE_CHROME_TAGS.has(name)) this.headerDepth--;
      }
      if (this.byWordDepth === this.depth) {
        this.byWordDepth = this.byWordLifted ? -1 : this.depth - 1;
        this.byWordLifted = true;
      }
      if (this.captures.length > 0) this.endCaptures();
      const scope = this.scopes.at(-1);
      if (scope && scope.depth === this.depth) this.scopes.pop();
    }
    this.depth--;
  }

  /**
   * JSON-LD scripts in `pieces`, the text after the parser stopped, searched piece by piece: a
   * script element that a piece cuts off is searched again with the next piece joined to it.
   */
  findLaterJsonLd(pieces: Iterable<string>): void {
    let carried = '';
    for (const piece of pieces) {
      const text = carried + piece;
      const pattern = new RegExp(JSON_LD_SCRIPT);
      let end = 0;
      for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
        if (this.page.jsonLd.length >= MAX_JSON_LD_SCRIPTS) return;
        this.addJsonLd(m[1]);
        end = pattern.lastIndex;
      }
      carried = text.slice(unfinishedScriptAt(text, end));
    }
  }

  private stop(early: boolean): void {
    this.stopped = true;
    this.stoppedEarly = early;
    this.parser.pause();
  }

  private canStop(): boolean {
    return (
      this.page.h1 !== null &&
      this.page.paragraph !== null &&
      this.sawLargeImage &&
      this.scopes.length === 0 &&
      // An open byline or dateline element (a wrapper whose class says "author" or "date") may span the page.
      this.captures.every((c) => c.kind === 'byline' || c.kind === 'dateline')
    );
  }

  private capture(kind: Capture['kind'], limit: number, extra?: Partial<Capture>): void {
    // Byline and dateline candidates (often wrappers open for long) never take the room the headline,
    // paragraph and structured data need; when too many nest, the outermost (least specific) is dropped.
    const side = isSide(kind);
    if (side && this.sideCaptures >= MAX_SIDE_CAPTURES) {
      this.captures.splice(this.captures.findIndex((c) => isSide(c.kind)), 1);
      this.sideCaptures--;
    }
    if (this.captures.length >= 8) return;
    if (side) this.sideCaptures++;
    this.captures.push({ kind, depth: this.depth, text: '', limit, ...extra });
  }

  private isCapturing(kind: Capture['kind']): boolean {
    return this.captures.some((c) => c.kind === kind);
  }

  private endCaptures(): void {
    for (let i = this.captures.length - 1; i >= 0; i--) {
      const capture = this.captures[i];
      if (capture.depth !== this.depth) continue;
      this.captures.splice(i, 1);
      this.finish(capture);
    }
  }

  private finish(capture: Capture): void {
    if (isSide(capture.kind)) this.sideCaptures--;
    const text = capture.text.trim();
    const page = this.page;
    switch (capture.kind) {
      case 'title':
        if (this.svgDepth === 0) page.title = text;
        break;
      case 'h1':
        if (text) page.h1 = text;
        break;
      case 'p':
        if (text.length >= MIN_PARAGRAPH_CHARS) page.paragraph = text;
        break;
      case 'byline':
        if (text && page.bylines.length < MAX_BYLINES) page.bylines.push(text);
        break;
      case 'dateline':
        if (text && page.datelines.length < MAX_DATELINES) page.datelines.push(text);
        break;
      case 'jsonld':
        this.addJsonLd(capture.text);
        break;
      case 'itemprop':
        if (text) this.addItemProp(capture.path ?? '', text, capture.itemType ?? '');
        break;
    }
  }

  private addJsonLd(text: string): void {
    if (this.jsonLdChars + text.length > MAX_JSON_LD_CHARS * 2) return;
    this.jsonLdChars += text.length;
    this.page.jsonLd.push(text);
  }

  private onMeta(attribs: Attributes): void {
    const metas = this.page.metas;
    const content = attribs.content ?? attribs.value;
    if (content === undefined || metas.length >= MAX_META_TAGS) return;
    const value = keep(content);
    for (const key of [attribs.property, attribs.name, attribs['http-equiv']]) {
      if (key) metas.push({ key: key.trim().toLowerCase(), content: value });
    }
  }

  private onLink(attribs: Attributes): void {
    const rel = (attribs.rel ?? '').toLowerCase().trim();
    if (!attribs.href || !KEPT_LINK_RELS.test(rel) || this.page.links.length >= MAX_LINK_TAGS) return;
    this.page.links.push({ rel, href: keep(attribs.href), type: (attribs.type ?? '').toLowerCase(), sizes: attribs.sizes ?? '' });
  }

  /** Where bylines and datelines are looked for: the body outside navigation, footers and asides (a <header> counts). */
  private inBylineArea(): boolean {
    return this.inBody && this.chromeDepth === this.headerDepth;
  }

  private onShortText(text: string): void {
    // A short text with a year in it below the headline is usually the dateline ("December 16, 2016, 4:19 PM").
    if (this.page.h1 !== null && this.page.datelines.length < MAX_DATELINES && text.length <= 60 && /\d{4}/.test(text)) {
      this.page.datelines.push(text.trim());
    }
    // A "By" alone is a few characters, a whole "By Jane Doe" byline under 70: longer texts are prose.
    if (this.page.bylines.length >= MAX_BYLINES || text.length > 70 || !BY_INITIALS.has(firstVisible(text))) return;
    if (text.length <= 16 && BY_WORD.test(text)) {
      this.byWordDepth = this.depth;
      this.byWordLifted = false;
    } else if (this.page.h1 !== null && BY_NAME.test(text)) {
      // Only below the headline: above it, "By Price" and "By Audience" are filters and menus.
      this.page.bylines.push(text);
    }
  }

  private onBylineCandidate(name: string, attribs: Attributes, hinted: boolean): void {
    const afterByWord = this.byWordDepth >= 0 && this.depth > this.byWordDepth;
    if (afterByWord) this.byWordDepth = -1;
    const marked =
      (name === 'a' && attribs.rel !== undefined && AUTHOR_REL.test(attribs.rel)) || (hinted && hasWord(attribs, BYLINE_ATTRIBUTE)) || (!NO_TEXT_TAGS.has(name) && labelledAuthor(attribs));
    if (afterByWord || marked) this.capture('byline', MAX_BYLINE_CHARS);
  }

  private onTime(datetime: string, attribs: Attributes): void {
    if (this.timeIsPublished) return;
    const published = attribs.pubdate !== undefined || /publish|pubdate|posted|created/i.test(`${attribs.class ?? ''} ${attribs.itemprop ?? ''}`);
    if (published || this.page.timeDatetime === null) this.page.timeDatetime = keep(datetime);
    this.timeIsPublished = published;
  }

  private onImage(attribs: Attributes): void {
    const images = this.page.images;
    if (!this.inBody || images.length >= MAX_BODY_IMAGES) return;
    // Lazy loaders keep the real address in a data attribute and a placeholder in src.
    let src: string | undefined = attribs.src;
    if (!src || src.startsWith('data:')) {
      src = attribs['data-src'] || attribs['data-lazy-src'] || attribs['data-original'] || attribs['data-url'] || firstSrcset(attribs.srcset ?? attribs['data-srcset']);
    }
    if (!src || src.startsWith('data:')) return;
    const image: ImageTag = {
      src: keep(src),
      width: toDimension(attribs.width),
      height: toDimension(attribs.height),
      alt: keep(attribs.alt ?? ''),
    };
    images.push(image);
    if ((image.width ?? 0) >= MIN_CONTENT_IMAGE_PX && (image.height ?? 0) >= MIN_CONTENT_IMAGE_PX) this.sawLargeImage = true;
  }

  private onItem(name: string, attribs: Attributes): void {
    const parent = this.scopes.at(-1);
    const props = (attribs.itemprop ?? '').trim().split(/\s+/).filter(Boolean);
    const prefix = parent?.path ? `${parent.path}.` : '';
    const itemType = parent?.itemType ?? '';
    if (attribs.itemscope !== undefined) {
      const type = (attribs.itemtype ?? '').trim().split(/[\s/#]/).filter(Boolean).pop() ?? '';
      this.scopes.push({ depth: this.depth, path: props.length ? prefix + props[0] : (parent?.path ?? ''), itemType: type });
      return;
    }
    if (!props.length || this.page.itemProps.length >= MAX_ITEM_PROPS) return;
    const path = prefix + props[0];
    const value = attribs.content ?? microdataAttributeValue(name, attribs);
    if (value !== undefined) this.addItemProp(path, keep(value), itemType);
    else this.capture('itemprop', MAX_TEXT_CHARS, { path, itemType });
  }

  private addItemProp(path: string, value: string, itemType: string): void {
    if (value && this.page.itemProps.length < MAX_ITEM_PROPS) this.page.itemProps.push({ path, value, itemType });
  }

  onend(): void {
    // Unclosed captures at the end of a truncated page still count.
    for (const capture of this.captures.splice(0).toReversed()) this.finish(capture);
  }
}

/** The first character that is not whitespace, without copying the text. */
function firstVisible(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 9 && c !== 13 && c !== 160) return text[i];
  }
  return '';
}

function isSide(kind: Capture['kind']): boolean {
  return kind === 'byline' || kind === 'dateline';
}

function hasWord(attribs: Attributes, pattern: RegExp): boolean {
  return (attribs.class !== undefined && pattern.test(attribs.class)) || (attribs.id !== undefined && pattern.test(attribs.id));
}

/**
 * Test and analytics labels name what an element is where its class does not: `data-testid="post_author_link"`,
 * `gtm-label="article_author"`; a comment's author is not the page's.
 */
function labelledAuthor(attribs: Attributes): boolean {
  for (const key of LABEL_ATTRIBUTES) {
    const label = attribs[key];
    if (label !== undefined && BYLINE_ATTRIBUTE.test(label) && !/comment|reply/i.test(label)) return true;
  }
  return false;
}

function microdataAttributeValue(name: string, attribs: Attributes): string | undefined {
  if (MICRODATA_SRC_TAGS.has(name)) return attribs.src ?? '';
  if (MICRODATA_HREF_TAGS.has(name)) return attribs.href ?? '';
  if (name === 'object') return attribs.data ?? '';
  // <meta itemprop> carries its value in content, read before this; some pages write value= as for <data>.
  if (name === 'data' || name === 'meter' || name === 'meta') return attribs.value ?? '';
  if (name === 'time' && attribs.datetime) return attribs.datetime;
  return undefined;
}

function firstSrcset(srcset: string | undefined): string | undefined {
  return srcset?.trim().split(/\s+/)[0]?.replace(/,$/, '') || undefined;
}

function keep(value: string): string {
  return value.length > MAX_KEPT_ATTRIBUTE_CHARS ? value.slice(0, MAX_KEPT_ATTRIBUTE_CHARS) : value;
}
