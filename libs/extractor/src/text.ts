import { MAX_TEXT_CHARS } from './limits';

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/**
 * Collapses whitespace, trims, and decodes the entities left over by double-escaping
 * (`&amp;#39;` arrives from the parser as `&#39;`). Empty results become null.
 */
export function cleanText(value: string | null | undefined, max = MAX_TEXT_CHARS): string | null {
  if (value == null) return null;
  let text = value.length > max * 2 ? value.slice(0, max * 2) : value;
  if (text.includes('&')) text = decodeLeftoverEntities(text);
  text = text.replace(/[\s\u00a0\u200b\ufeff]+/g, ' ').trim();
  if (text.length > max) text = `${text.slice(0, max - 1).replace(/\s+\S*$/, '')}…`;
  return text || null;
}

function decodeLeftoverEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,6});/gi, (whole, name: string) => {
    const lower = name.toLowerCase();
    if (NAMED[lower]) return NAMED[lower];
    if (lower.startsWith('#')) {
      const code = lower[1] === 'x' ? parseInt(lower.slice(2), 16) : parseInt(lower.slice(1), 10);
      if (code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)) return String.fromCodePoint(code);
    }
    return whole;
  });
}

/** A positive integer from an attribute like "1200" or "1200px", else undefined. */
export function toDimension(value: string | number | null | undefined): number | undefined {
  if (value == null) return undefined;
  const n = typeof value === 'number' ? value : parseInt(String(value).trim(), 10);
  return Number.isFinite(n) && n > 0 && n < 100_000 ? Math.round(n) : undefined;
}
