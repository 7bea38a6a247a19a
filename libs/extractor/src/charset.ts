import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { parseContentType } from './content-type';
import { encodingForLabel } from './encoding-labels';
import { PageText } from './page-text';

// WHATWG prescans 1024 bytes; some real pages put <meta charset> after a long comment or inline script,
// and browsers that reparse still find it, so look a little further when the first 1024 bytes say nothing.
const PRESCAN_BYTES = 1024;
const TOLERANT_PRESCAN_BYTES = 8192;
// Saved or script-heavy pages can push <meta charset> far down the head; when the bytes are not UTF-8
// anyway, a late declaration is still a far better guess than windows-1252.
const LATE_PRESCAN_BYTES = 1024 * 1024;

const META_TAG = /<meta\b[^>]*>/gi;
const CHARSET_ATTR = /\bcharset\s*=\s*["']?\s*([^\s"'/>;]+)/i;
const XML_DECLARATION = /^<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/i;

/** UTF-8 bytes are decoded this many at a time (PageText: pieces that stay out of the large-object space). */
const UTF8_PIECE_BYTES = 32 * 1024;

/**
 * Decodes an HTML body to text the way a browser would pick its encoding: byte order mark, then the
 * HTTP `charset`, then a `<meta>` prescan, then a default, with one deliberate difference: a body that is
 * valid UTF-8 is read as UTF-8 whatever it declares. Legacy-encoded text with non-ASCII characters is
 * practically never valid UTF-8 by accident, while UTF-8 pages under a stale declaration (re-saved
 * pages, a server default of iso-8859-1) are common, and would otherwise come out as mojibake.
 * Without any declaration, bytes that are not UTF-8 are read as windows-1252, as browsers do.
 */
export function decodeHtml(bytes: Uint8Array, contentTypeHeader?: string | null): string {
  const encoding = readingEncoding(bytes, contentTypeHeader);
  return encoding === 'utf-8' ? new TextDecoder('utf-8').decode(withoutBom(bytes)) : iconv.decode(toBuffer(bytes), encoding);
}

/** decodeHtml's text as PageText: UTF-8 is decoded piece by piece, as it is read. */
export function decodePageText(bytes: Uint8Array, contentTypeHeader?: string | null): PageText {
  const encoding = readingEncoding(bytes, contentTypeHeader);
  if (encoding !== 'utf-8') return PageText.of(iconv.decode(toBuffer(bytes), encoding));
  const body = withoutBom(bytes);
  const decoder = new TextDecoder('utf-8');
  let at = 0;
  let flushed = false;
  return new PageText(() => {
    while (at < body.length) {
      const piece = decoder.decode(body.subarray(at, (at += UTF8_PIECE_BYTES)), { stream: true });
      if (piece) return piece;
    }
    if (flushed) return null;
    flushed = true;
    // What a sequence cut off at the end decodes to (U+FFFD), or nothing.
    return decoder.decode() || null;
  });
}

/** 'utf-8', or the iconv-lite name of the encoding decodeHtml reads `bytes` with. */
function readingEncoding(bytes: Uint8Array, contentTypeHeader?: string | null): string {
  const encoding = sniffEncoding(bytes, contentTypeHeader);
  if (encoding?.startsWith('utf-16')) return encoding;
  if (encoding === 'utf-8' || isUtf8(withoutBom(bytes))) return 'utf-8';
  return encoding ?? prescan(bytes, LATE_PRESCAN_BYTES) ?? 'windows-1252';
}

/** The iconv-lite encoding name chosen for the body, or null when only the default applies. */
export function sniffEncoding(bytes: Uint8Array, contentTypeHeader?: string | null): string | null {
  if (hasUtf8Bom(bytes)) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  const fromHeader = encodingForLabel(parseContentType(contentTypeHeader).charset);
  if (fromHeader) return fromHeader;
  return prescan(bytes, PRESCAN_BYTES) ?? prescan(bytes, TOLERANT_PRESCAN_BYTES);
}

function prescan(bytes: Uint8Array, length: number): string | null {
  const head = toBuffer(bytes.subarray(0, length)).toString('latin1').replace(/<!--[\s\S]*?(-->|$)/g, '');
  for (const [tag] of head.matchAll(META_TAG)) {
    // Matches both <meta charset=x> and <meta http-equiv=content-type content="text/html; charset=x">.
    const encoding = encodingForLabel(tag.match(CHARSET_ATTR)?.[1]);
    if (!encoding) continue;
    // A page cannot declare itself UTF-16 in ASCII bytes; browsers take that to mean UTF-8.
    return encoding.startsWith('utf-16') ? 'utf-8' : encoding;
  }
  const xml = head.match(XML_DECLARATION)?.[1];
  return xml ? encodingForLabel(xml) : null;
}

function withoutBom(bytes: Uint8Array): Uint8Array {
  return hasUtf8Bom(bytes) ? bytes.subarray(3) : bytes;
}

function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
