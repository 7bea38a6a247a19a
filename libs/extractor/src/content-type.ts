/** What kind of preview a response body gets, decided from its MIME type. */
export type ContentKind = 'html' | 'image' | 'video' | 'audio' | 'document' | 'unsupported';

export interface ParsedContentType {
  /** Lower-case MIME type without parameters, or null when the header is missing or unusable. */
  mime: string | null;
  /** The `charset` parameter as written (unquoted, trimmed), or null. */
  charset: string | null;
}

export function parseContentType(header: string | null | undefined): ParsedContentType {
  if (!header) return { mime: null, charset: null };
  const [type = '', ...params] = header.split(';');
  const mime = type.trim().toLowerCase();
  let charset: string | null = null;
  for (const param of params) {
    const eq = param.indexOf('=');
    if (eq < 0 || param.slice(0, eq).trim().toLowerCase() !== 'charset') continue;
    charset = param.slice(eq + 1).trim().replace(/^["']|["']$/g, '') || null;
    break;
  }
  return { mime: /^[\w.+-]+\/[\w.+-]+$/.test(mime) ? mime : null, charset };
}

export function contentKind(mime: string | null): ContentKind {
  // A missing type is treated as HTML: servers that omit it are mostly serving pages.
  if (mime === null || mime === 'text/html' || mime === 'application/xhtml+xml') return 'html';
  if (mime.startsWith('image/')) return 'image';
  if (mime.startsWith('video/')) return 'video';
  if (mime.startsWith('audio/')) return 'audio';
  if (mime === 'application/pdf') return 'document';
  return 'unsupported';
}
