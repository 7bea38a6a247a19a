import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { decodeHtml, decodePageText } from './charset';
import { extractPage } from './extract-page';
import { MAX_HTML_CHARS } from './limits';
import { PageText } from './page-text';

const PIECE_BYTES = 32 * 1024;
const utf8 = (text: string) => new TextEncoder().encode(text);

describe('decodePageText', () => {
  it('reads UTF-8 in pieces that join to exactly what decodeHtml reads, characters cut by a piece boundary included', () => {
    // 'é' is 2 bytes, '€' 3 and '𝄞' 4: each lands across a 32 KiB boundary at one of the offsets.
    for (const shift of [0, 1, 2, 3]) {
      const bytes = utf8(`<p>${'a'.repeat(PIECE_BYTES - 4 + shift)}é€𝄞${'ü'.repeat(PIECE_BYTES)}</p>`);
      const pieces = [...decodePageText(bytes)];
      assert.ok(pieces.length > 2, 'more than one piece');
      assert.equal(pieces.join(''), decodeHtml(bytes));
    }
  });

  it('ends a body cut inside a character with U+FFFD, as decodeHtml does', () => {
    const bytes = new Uint8Array([...utf8('<meta charset="utf-8"><p>caf'), 0xc3]);
    assert.equal([...decodePageText(bytes)].join(''), '<meta charset="utf-8"><p>caf\ufffd');
    assert.equal(decodeHtml(bytes), '<meta charset="utf-8"><p>caf\ufffd');
  });

  it('reads legacy encodings and a UTF-8 byte order mark as decodeHtml does', () => {
    const sjis = new Uint8Array(iconv.encode('<meta charset="shift_jis"><title>阿部寛</title>', 'shift_jis'));
    assert.equal([...decodePageText(sjis)].join(''), decodeHtml(sjis));
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('<title>é</title>')]);
    assert.equal([...decodePageText(bom, 'text/html; charset=iso-8859-1')].join(''), '<title>é</title>');
  });

  it('stops at MAX_HTML_CHARS', () => {
    const text = PageText.of('x'.repeat(MAX_HTML_CHARS + 10));
    assert.equal([...text].join('').length, MAX_HTML_CHARS);
  });

  it('reads from a character index on, whichever piece it falls in', () => {
    const text = PageText.of('0123456789'.repeat(20_000));
    assert.equal([...text.from(65_540)].join(''), '0123456789'.repeat(20_000).slice(65_540));
  });
});

describe('extractPage: JSON-LD after the scan has stopped', () => {
  // Headline, a content image and a first paragraph: the scanner stops there and searches the rest for JSON-LD.
  const top = `<html><head><title>Top</title></head><body><h1>Headline</h1><img src="/a.jpg" width="800" height="600"><p>${'A first paragraph that is long enough to be the page\u2019s prose. '.repeat(3)}</p>`;
  const script = '<script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Person","name":"Late Author"}}</script>';

  it('finds a script that a piece boundary cuts, wherever the cut falls in it', () => {
    const topBytes = utf8(top).length;
    for (let offset = -script.length - 2; offset <= 2; offset++) {
      // Filler with 2-byte characters, so that pieces of bytes and of characters do not line up.
      const fillerBytes = PIECE_BYTES - topBytes + offset;
      const filler = `<div>${'é'.repeat(Math.floor((fillerBytes - 11) / 2))}${'x'.repeat((fillerBytes - 11) % 2)}</div>`;
      const html = `${top}${filler}${script}<div>${'tail '.repeat(10_000)}</div></body></html>`;
      const { metadata } = extractPage({ body: utf8(html), url: 'https://news.example.com/a', contentType: 'text/html; charset=utf-8' });
      assert.equal(metadata.author, 'Late Author', `script starting ${offset} bytes from the boundary`);
    }
  });

  it('finds a script that spans several pieces', () => {
    const long = `<script type="application/ld+json">{"@type":"NewsArticle","description":"${'d'.repeat(3 * PIECE_BYTES)}","author":"Long Author"}</script>`;
    const { metadata } = extractPage({ body: utf8(`${top}<div>${'x'.repeat(PIECE_BYTES)}</div>${long}`), url: 'https://news.example.com/a', contentType: 'text/html' });
    assert.equal(metadata.author, 'Long Author');
  });
});
