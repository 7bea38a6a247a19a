import type { Parser } from 'htmlparser2';
import { PageText } from './page-text';
import { parseHtml, type HtmlReader, type KeptAttributes } from './parse-html';

/** Less visible body text than this, with scripts and no metadata, reads as a page its scripts will write. */
const SHELL_TEXT_CHARS = 200;
/** With an empty mount node, a little more text (a cookie banner, a footer) still leaves a shell. */
const SHELL_WITH_MOUNT_TEXT_CHARS = 1_000;
/** Where single-page apps mount: React (create-react-app, Vite), Vue, Next.js, Nuxt, Gatsby, Svelte, Remix... */
const MOUNT_IDS = new Set(['root', 'app', '__next', '__nuxt', '___gatsby', 'svelte', 'react-root', 'main-app', 'application']);
/** Angular's and Lit's custom root elements. */
const MOUNT_TAGS = new Set(['app-root', 'my-app']);
/** Meta tags that carry a card's title or description: their presence means the page states its metadata. */
const METADATA_KEYS = new Set(['og:title', 'og:description', 'twitter:title', 'twitter:description']);
/** Text inside these is never shown. */
const HIDDEN_TAGS = new Set(['script', 'style', 'noscript', 'template', 'svg', 'head', 'title']);
/** Every attribute the scan reads: the parser drops the rest unread, and reading another does not compile. */
const READ_ATTRIBUTES = ['content', 'id', 'name', 'property', 'type'] as const;
type Attributes = KeptAttributes<typeof READ_ATTRIBUTES>;
const READ_ATTRIBUTES_SET: ReadonlySet<string> = new Set(READ_ATTRIBUTES);
const DATA_SCRIPT_TYPES = /^(application\/(ld\+)?json|text\/template|text\/x-template)$/i;

/**
 * Whether a statically fetched page looks like a shell its JavaScript will fill in, and so is worth
 * rendering in a browser: it states no metadata (no `<title>` text, no Open Graph or Twitter title
 * or description), it runs scripts, and its body shows almost no text (under 200 characters, or
 * under 1000 around an empty mount node such as `<div id="root"></div>` or `<app-root>`).
 * A page that states a title or Open Graph tags is never a shell, whatever its body.
 * Pure and synchronous (CPU work: run it where extraction runs); stops reading as soon as the page
 * shows metadata or enough text.
 */
export function looksLikeScriptShell(html: string | PageText): boolean {
  const scan = new ShellScan();
  parseHtml(typeof html === 'string' ? PageText.of(html) : html, scan);
  if (scan.hasMetadata || scan.scripts === 0) return false;
  return scan.text < SHELL_TEXT_CHARS || (scan.emptyMount && scan.text < SHELL_WITH_MOUNT_TEXT_CHARS);
}

class ShellScan implements HtmlReader {
  private parser!: Parser;
  readonly attributes = READ_ATTRIBUTES_SET;
  hasMetadata = false;
  scripts = 0;
  /** Visible body characters, whitespace collapsed away. */
  text = 0;
  emptyMount = false;
  /** Paused: the page showed metadata or enough text, and nothing further matters. */
  stopped = false;
  private hidden = 0;
  private inTitle = false;
  /** The open mount node's depth and whether anything visible was written into it. */
  private mount: { depth: number; filled: boolean } | null = null;
  private depth = 0;

  onparserinit(parser: Parser): void {
    this.parser = parser;
  }

  onopentag(name: string, attributes: Attributes): void {
    this.depth += 1;
    if (name === 'title') this.inTitle = true;
    if (name === 'meta' && METADATA_KEYS.has((attributes.property ?? attributes.name ?? '').toLowerCase()) && attributes.content?.trim()) this.found();
    if (name === 'script' && !DATA_SCRIPT_TYPES.test(attributes.type ?? '')) this.scripts += 1;
    if (HIDDEN_TAGS.has(name)) this.hidden += 1;
    else if (this.mount) this.mount.filled = true;
    if (!this.mount && (MOUNT_IDS.has(attributes.id ?? '') || MOUNT_TAGS.has(name))) this.mount = { depth: this.depth, filled: false };
  }

  ontext(data: string): void {
    if (this.inTitle && data.trim()) this.found();
    if (this.hidden > 0) return;
    const visible = data.replace(/\s+/g, '').length;
    this.text += visible;
    if (visible && this.mount) this.mount.filled = true;
    if (this.text >= SHELL_WITH_MOUNT_TEXT_CHARS) this.settle();
  }

  onclosetag(name: string): void {
    if (name === 'title') this.inTitle = false;
    if (HIDDEN_TAGS.has(name)) this.hidden = Math.max(0, this.hidden - 1);
    if (this.mount?.depth === this.depth) {
      if (!this.mount.filled) this.emptyMount = true;
      this.mount = null;
    }
    this.depth -= 1;
  }

  /** The page states metadata: it is not a shell, and nothing further matters. */
  private found(): void {
    this.hasMetadata = true;
    this.settle();
  }

  private settle(): void {
    this.stopped = true;
    this.parser.pause();
  }
}
