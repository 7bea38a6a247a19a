import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ExtractError } from './extract-error';
import { extractPage } from './extract-page';

const PAGE_URL = 'https://example.com/page';
const extract = (body: string | Uint8Array, contentType: string | null = 'text/html') => extractPage({ body, url: PAGE_URL, contentType });

describe('extractPage on malformed and hostile input', () => {
  it('reads metadata from unclosed tags and a missing head', { timeout: 20_000 }, () => {
    const { metadata } = extract('<title>Unclosed <meta property="og:description" content="D"><p>text');
    assert.equal(typeof metadata.title, 'string');
    assert.equal(extract('<meta property="og:title" content="No head">').metadata.title, 'No head');
  });

  it('finishes on a 10 MB attribute value', { timeout: 20_000 }, () => {
    const html = `<html><head><meta property="og:title" content="Big"><meta name="description" content="${'x'.repeat(10_000_000)}"></head></html>`;
    const { metadata } = extract(html);
    assert.equal(metadata.title, 'Big');
    assert.ok((metadata.description ?? '').length <= 2_000);
  });

  it('finishes on 100k nested elements', { timeout: 20_000 }, () => {
    const html = `<html><head><title>Deep</title></head><body>${'<div>'.repeat(100_000)}text${'</div>'.repeat(100_000)}</body></html>`;
    assert.equal(extract(html).metadata.title, 'Deep');
  });

  it('finishes on a huge broken JSON-LD script and many meta tags', { timeout: 20_000 }, () => {
    const html = `<head><script type="application/ld+json">{"@type":"Article","headline":"${'y'.repeat(2_000_000)}</script>${'<meta name="x" content="y">'.repeat(20_000)}<title>Still here</title>`;
    assert.equal(extract(html).metadata.title, 'Still here');
  });

  it('finds JSON-LD placed after the point where scanning stops early', () => {
    const prose = 'A paragraph that is long enough to count as the prose of this page, clearly more than eighty characters.';
    const html = `<html><head></head><body><h1>H</h1><p>${prose}</p><img src="/a.jpg" width="800" height="600"><div>${'<span>filler</span>'.repeat(1000)}</div>
      <script type="application/ld+json">{"@type":"Article","author":{"name":"Late Author"}}</script></body></html>`;
    assert.equal(extract(html).metadata.author, 'Late Author');
  });

  it('never throws anything but ExtractError on random HTML-ish input', { timeout: 60_000 }, () => {
    const fragment = fc.oneof(
      fc.string(),
      fc.constantFrom('<html lang="', '<meta property="og:image" content="', '<script type="application/ld+json">', '</script>', '{"@graph":[', '<!--', '<title>', '<link rel="icon" sizes="', '<base href="', '"', '>', '&amp;', '&#x', '<svg>', '<h1>', '<p>', '<img src=', 'itemscope itemprop="author"', '\u0000', '\uFFFF'),
    );
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 60 }), fc.constantFrom('text/html', null, 'text/html; charset=shift_jis', 'image/png'), (parts, contentType) => {
        try {
          extract(parts.join(''), contentType);
        } catch (error) {
          assert.ok(error instanceof ExtractError, String(error));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never throws anything but ExtractError on random bytes of any declared type', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2_000 }), fc.constantFrom('text/html', 'image/jpeg', 'image/webp', 'image/svg+xml', 'text/plain', 'text/html; charset=euc-jp', null), (bytes, contentType) => {
        try {
          extract(bytes, contentType);
        } catch (error) {
          assert.ok(error instanceof ExtractError, String(error));
        }
      }),
      { numRuns: 300 },
    );
  });
});
