// Separators sites put between a page title and their own name: "Story | Site", "Site - Story".
const SEPARATOR = /\s+[|\-–—·•:»«/]\s+|\s*[|·•»«]\s*/;

/**
 * A site name guessed from a "Story | Site" title, when the last segment looks like the host name
 * (e.g. "The Verge" on theverge.com). Used only when the page names its site nowhere else.
 */
export function siteNameFromTitle(title: string | null, pageUrl: string): string | null {
  if (!title) return null;
  const parts = splitTitle(title);
  if (parts.length < 2) return null;
  let host: string;
  try {
    host = new URL(pageUrl).hostname.replace(/^(www|m|en|blog|news)\./, '');
  } catch {
    return null;
  }
  const domain = comparable(host.split('.').slice(0, -1).join(''));
  for (const part of [parts.at(-1)!, parts[0]]) {
    const name = comparable(part.text);
    if (name.length >= 3 && (domain.includes(name) || name.includes(domain))) return part.text.trim();
  }
  return brandAfterPipe(title, parts.at(-1)!);
}

/**
 * "Page | Brand": a short last segment after a pipe names the site on most sites even when it is
 * not the host name (MDN on developer.mozilla.org). Dashes and colons are too often part of the
 * headline itself to be read that way.
 */
function brandAfterPipe(title: string, last: { text: string; start: number }): string | null {
  const separator = title.slice(0, last.start).match(/\s*\|\s*$/);
  const text = last.text.trim();
  const words = text.split(/\s+/);
  if (!separator || words.length > 3 || text.length > 24 || !/^[\p{Lu}\p{N}]/u.test(text)) return null;
  return text;
}

function splitTitle(title: string): { text: string; start: number }[] {
  const parts: { text: string; start: number }[] = [];
  const pattern = new RegExp(SEPARATOR.source, 'g');
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
