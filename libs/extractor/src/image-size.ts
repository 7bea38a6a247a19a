export interface ImageSize {
  width: number;
  height: number;
  /** MIME type recognised from the signature. */
  type: string;
}

/** Reads the pixel size from the first bytes of an image file, without decoding it. Null when unknown. */
export function sniffImageSize(bytes: Uint8Array): ImageSize | null {
  try {
    return png(bytes) ?? gif(bytes) ?? jpeg(bytes) ?? webp(bytes) ?? bmp(bytes) ?? ico(bytes) ?? avif(bytes) ?? svg(bytes);
  } catch {
    // Truncated files read past the end; a size we cannot read is simply unknown.
    return null;
  }
}

/** The MIME type of an image signature, for callers that only need to know whether bytes are an image. */
export function sniffImageType(bytes: Uint8Array): string | null {
  const b = bytes;
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'image/png';
  if (b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46) return 'image/gif';
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return 'image/webp';
  if (b[0] === 0x42 && b[1] === 0x4d && b.length > 26) return 'image/bmp';
  if (b[0] === 0 && b[1] === 0 && b[2] === 1 && b[3] === 0) return 'image/x-icon';
  if (ascii(b, 4, 4) === 'ftyp' && /avi[fs]/.test(ascii(b, 8, 4))) return 'image/avif';
  return null;
}

const size = (width: number, height: number, type: string): ImageSize | null =>
  width > 0 && height > 0 ? { width, height, type } : null;

function ascii(b: Uint8Array, offset: number, length: number): string {
  return String.fromCharCode(...b.subarray(offset, offset + length));
}
const u16be = (b: Uint8Array, o: number) => (b[o] << 8) | b[o + 1];
const u16le = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8);
const u24le = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8) | (b[o + 2] << 16);
const u32be = (b: Uint8Array, o: number) => ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;
const i32le = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24);

function png(b: Uint8Array): ImageSize | null {
  if (sniffImageType(b) !== 'image/png' || b.length < 24 || ascii(b, 12, 4) !== 'IHDR') return null;
  return size(u32be(b, 16), u32be(b, 20), 'image/png');
}

function gif(b: Uint8Array): ImageSize | null {
  if (sniffImageType(b) !== 'image/gif' || b.length < 10) return null;
  return size(u16le(b, 6), u16le(b, 8), 'image/gif');
}

function jpeg(b: Uint8Array): ImageSize | null {
  if (sniffImageType(b) !== 'image/jpeg') return null;
  let o = 2;
  while (o + 9 < b.length) {
    if (b[o] !== 0xff) return null;
    const marker = b[o + 1];
    if (marker === 0xff) {
      o += 1;
      continue;
    }
    // Start-of-frame markers carry the size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return size(u16be(b, o + 7), u16be(b, o + 5), 'image/jpeg');
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      o += 2;
      continue;
    }
    o += 2 + u16be(b, o + 2);
  }
  return null;
}

function webp(b: Uint8Array): ImageSize | null {
  if (sniffImageType(b) !== 'image/webp' || b.length < 30) return null;
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8 ') return size(u16le(b, 26) & 0x3fff, u16le(b, 28) & 0x3fff, 'image/webp');
  if (chunk === 'VP8L') {
    const bits = b[21] | (b[22] << 8) | (b[23] << 16) | (b[24] << 24);
    return size((bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1, 'image/webp');
  }
  if (chunk === 'VP8X') return size(u24le(b, 24) + 1, u24le(b, 27) + 1, 'image/webp');
  return null;
}

function bmp(b: Uint8Array): ImageSize | null {
  if (sniffImageType(b) !== 'image/bmp') return null;
  return size(Math.abs(i32le(b, 18)), Math.abs(i32le(b, 22)), 'image/bmp');
}

function ico(b: Uint8Array): ImageSize | null {
  if (sniffImageType(b) !== 'image/x-icon' || b.length < 8) return null;
  // Report the largest entry of the directory; 0 stands for 256.
  let best: ImageSize | null = null;
  const count = Math.min(u16le(b, 4), 64);
  for (let i = 0; i < count && 6 + i * 16 + 2 <= b.length; i++) {
    const w = b[6 + i * 16] || 256;
    const h = b[7 + i * 16] || 256;
    if (!best || w * h > best.width * best.height) best = { width: w, height: h, type: 'image/x-icon' };
  }
  return best;
}

function avif(b: Uint8Array): ImageSize | null {
  if (sniffImageType(b) !== 'image/avif') return null;
  // The 'ispe' property box holds the size: 4 bytes version/flags, then width and height.
  const limit = Math.min(b.length - 16, 4096);
  for (let o = 0; o <= limit; o++) {
    if (b[o] === 0x69 && b[o + 1] === 0x73 && b[o + 2] === 0x70 && b[o + 3] === 0x65) {
      return size(u32be(b, o + 8), u32be(b, o + 12), 'image/avif');
    }
  }
  return null;
}

function px(value: string | undefined): number {
  const m = value?.trim().match(/^(\d+(?:\.\d+)?)(px)?$/);
  return m ? Math.round(Number(m[1])) : 0;
}

function svg(b: Uint8Array): ImageSize | null {
  const head = Buffer.from(b.buffer, b.byteOffset, Math.min(b.byteLength, 4096)).toString('utf8');
  const tag = head.match(/<svg\b[^>]*>/i)?.[0];
  if (!tag) return null;
  const attr = (name: string) => tag.match(new RegExp(`\\s${name}\\s*=\\s*["']([^"']*)["']`, 'i'))?.[1];
  let width = px(attr('width'));
  let height = px(attr('height'));
  const viewBox = attr('viewBox')?.trim().split(/[\s,]+/).map(Number);
  if (viewBox?.length === 4 && viewBox[2] > 0 && viewBox[3] > 0) {
    if (!width && !height) [width, height] = [Math.round(viewBox[2]), Math.round(viewBox[3])];
    else if (!height) height = Math.round((width * viewBox[3]) / viewBox[2]);
    else if (!width) width = Math.round((height * viewBox[2]) / viewBox[3]);
  }
  return size(width, height, 'image/svg+xml');
}
