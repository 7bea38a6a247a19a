// Separators sites put between a page title and their own name: "Story | Site", "Site - Story".
const SEPARATOR = /\s+[|\-–—·•:»«/]\s+|\s*[|·•»«｜－：]\s*/;
// Looser: also unspaced dashes, underscores and colons ("Story-Newegg.com", "xkcd: Comic", "标题_网站"),
// trusted only where the segment is the host's name or the title is written in Chinese or Japanese.
const LOOSE_SEPARATOR = /\s*[|\-–—·•:»«/_｜－：]\s*/;
const CJK = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}]/u;
// Second-level labels under which the registrable name sits one label further left (example.co.uk).
const SHARED_SECOND_LEVEL = new Set(['co', 'com', 'ne', 'or', 'go', 'ac', 'net', 'org', 'gov', 'edu']);

/**
 * A site name guessed from a "Story | Site" title: a segment that is the host's name (e.g. "The Verge"
 * on theverge.com, "Amazon.com" on smile.amazon.com), else a short brand after the last pipe, or after
 * the last separator of a Chinese or Japanese title. Used only when the page names its site nowhere else.
 */
export function siteNameFromTitle(title: string | null, pageUrl: string): string | null {
  if (!title) return null;
  const label = hostLabel(pageUrl);
  const loose = splitTitle(title, LOOSE_SEPARATOR);
  if (label && loose.length >= 2) {
    for (const part of [loose.at(-1)!, loose[0], ...loose.slice(1, -1)]) {
      const name = comparable(part.text);
      if (name.length >= 3 && (label.includes(name) || name.includes(label))) return part.text.trim();
    }
  }
  const parts = splitTitle(title, SEPARATOR);
  const afterPipe = parts.length >= 2 ? brandAfterPipe(title, parts.at(-1)!) : null;
  if (afterPipe) return afterPipe;
  return CJK.test(title) && loose.length >= 2 ? shortBrand(loose.at(-1)!.text) : null;
}

/** The registrable name of the page's host, comparable: "amazon" for smile.amazon.com, "bbc" for www.bbc.co.uk. */
function hostLabel(pageUrl: string): string | null {
  let labels: string[];
  try {
    labels = new URL(pageUrl).hostname.split('.');
  } catch {
    return null;
  }
  if (labels.length < 2) return null;
  const second = labels.at(-2)!;
  const name = SHARED_SECOND_LEVEL.has(second) && labels.length >= 3 ? labels.at(-3)! : second;
  return comparable(name) || null;
}

/**
 * "Page | Brand": a short last segment after a pipe names the site on most sites even when it is
 * not the host name (MDN on developer.mozilla.org). Dashes and colons are too often part of the
 * headline itself to be read that way.
 */
function brandAfterPipe(title: string, last: { text: string; start: number }): string | null {
  const separator = title.slice(0, last.start).match(/\s*[|｜]\s*$/);
  return separator ? shortBrand(last.text) : null;
}

function shortBrand(segment: string): string | null {
  const text = segment.trim();
  const words = text.split(/\s+/);
  if (words.length > 3 || text.length > (CJK.test(text) ? 12 : 24) || !/^[\p{Lu}\p{N}\p{Lo}]/u.test(text)) return null;
  return text;
}

function splitTitle(title: string, separator: RegExp): { text: string; start: number }[] {
  const parts: { text: string; start: number }[] = [];
  const pattern = new RegExp(separator.source, 'gu');
  let start = 0;
  for (let m = pattern.exec(title); m; m = pattern.exec(title)) {
    parts.push({ text: title.slice(start, m.index), start });
    start = m.index + m[0].length;
  }
  parts.push({ text: title.slice(start), start });
  return parts.filter((p) => p.text.trim().length > 0);
}

function comparable(value: string | null | undefined): string {
  return (value ?? '').toLowerCase().replace(/^the\s+/, '').replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * True when a would-be site name is really the page's headline: the whole title or its first segment,
 * in more words than a brand has (a home page's title may be just its brand).
 */
export function isHeadline(name: string, title: string | null): boolean {
  if (!title || name.split(/\s+/).length <= 3) return false;
  const n = comparable(name);
  return n === comparable(title) || n === comparable(splitTitle(title, SEPARATOR)[0]?.text);
}
