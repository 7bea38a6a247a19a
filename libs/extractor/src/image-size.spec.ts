import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sniffImageSize } from './image-size';

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

const zeros = (n: number) => Array.from({ length: n }, () => 0);
const riff = (chunk: string, payload: number[]) => bytes('RIFF', [0, 0, 0, 0], 'WEBP', chunk, [0, 0, 0, 0], payload);

describe('sniffImageSize', () => {
  it('reads PNG IHDR', () => {
    assert.deepEqual(sniffImageSize(bytes([0x89], 'PNG', [13, 10, 26, 10, 0, 0, 0, 13], 'IHDR', [0, 0, 2, 0, 0, 0, 1, 0])), { width: 512, height: 256, type: 'image/png' });
  });

  it('reads the GIF logical screen size', () => {
    assert.deepEqual(sniffImageSize(bytes('GIF89a', [10, 0, 20, 0])), { width: 10, height: 20, type: 'image/gif' });
  });

  it('scans JPEG segments to the start-of-frame marker', () => {
    const jpeg = bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], 'JFIF', zeros(10), [0xff, 0xc4, 0, 4, 0, 0], [0xff, 0xc2, 0, 17, 8, 1, 0x2c, 2, 0x58, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual(sniffImageSize(jpeg), { width: 600, height: 300, type: 'image/jpeg' });
  });

  it('reads WebP VP8, VP8L and VP8X headers', () => {
    assert.deepEqual(sniffImageSize(riff('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, 0x40, 0x01, 0xf0, 0x00])), { width: 320, height: 240, type: 'image/webp' });
    // VP8L: signature 0x2f, then 14 bits width-1 and 14 bits height-1.
    const w = 99, h = 49, bits = w | (h << 14);
    assert.deepEqual(sniffImageSize(riff('VP8L', [0x2f, bits & 0xff, (bits >> 8) & 0xff, (bits >> 16) & 0xff, (bits >> 24) & 0xff, 0, 0, 0, 0, 0])), { width: 100, height: 50, type: 'image/webp' });
    assert.deepEqual(sniffImageSize(riff('VP8X', [0, 0, 0, 0, 0x1f, 0x03, 0x00, 0x57, 0x02, 0x00])), { width: 800, height: 600, type: 'image/webp' });
  });

  it('reads BMP and the largest ICO entry', () => {
    const bmp = bytes('BM', zeros(16), [64, 0, 0, 0, 32, 0, 0, 0], zeros(8));
    assert.deepEqual(sniffImageSize(bmp), { width: 64, height: 32, type: 'image/bmp' });
    const ico = bytes([0, 0, 1, 0, 2, 0], [16, 16], zeros(14), [0, 0], zeros(14));
    assert.deepEqual(sniffImageSize(ico), { width: 256, height: 256, type: 'image/x-icon' });
  });

  it('reads SVG width/height, or the viewBox when they are missing', () => {
    assert.deepEqual(sniffImageSize(bytes('<svg xmlns="http://www.w3.org/2000/svg" width="120px" height="60">')), { width: 120, height: 60, type: 'image/svg+xml' });
    assert.deepEqual(sniffImageSize(bytes('<?xml version="1.0"?><svg viewBox="0 0 300 150">')), { width: 300, height: 150, type: 'image/svg+xml' });
  });

  it('reads the AVIF ispe box', () => {
    const avif = bytes([0, 0, 0, 0x1c], 'ftypavif', zeros(16), [0, 0, 0, 20], 'ispe', [0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 3, 0]);
    assert.deepEqual(sniffImageSize(avif), { width: 1024, height: 768, type: 'image/avif' });
  });

  it('gives null for truncated or unknown bytes', () => {
    assert.equal(sniffImageSize(bytes([0xff, 0xd8, 0xff, 0xe0, 0, 200])), null);
    assert.equal(sniffImageSize(bytes('hello world')), null);
  });
});
