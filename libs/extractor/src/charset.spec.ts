import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { decodeHtml, sniffEncoding } from './charset';
import { extractPage } from './extract-page';

const encode = (text: string, encoding: string) => new Uint8Array(iconv.encode(text, encoding));

describe('decodeHtml', () => {
  const cases: [label: string, encoding: string, text: string][] = [
    ['EUC-JP', 'euc-jp', '楽天市場のページ'],
    ['Shift_JIS', 'shift_jis', '阿部寛のホームページ'],
    ['gb2312', 'gbk', '中文网页标题'],
    ['GBK', 'gbk', '淘宝网'],
    ['big5', 'big5', '繁體中文'],
    ['euc-kr', 'euc-kr', '네이버 블로그'],
    ['windows-1251', 'windows-1251', 'Привет, мир'],
    ['koi8-r', 'koi8-r', 'Новости'],
    ['iso-8859-2', 'iso-8859-2', 'Zażółć gęślą jaźń'],
  ];
  for (const [label, encoding, text] of cases) {
    it(`decodes a page declaring <meta charset="${label}">`, () => {
      const html = `<html><head><meta charset="${label}"><title>${text}</title></head></html>`;
      assert.match(decodeHtml(encode(html, encoding)), new RegExp(text));
    });
  }

  it('reads the charset from <meta http-equiv="Content-Type" content="...; charset=">', () => {
    const html = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS"><title>日本語</title>';
    assert.match(decodeHtml(encode(html, 'shift_jis')), /日本語/);
  });

  it('lets the HTTP charset win over <meta>, and a byte order mark win over both', () => {
    const html = '<meta charset="utf-8"><title>Привет</title>';
    assert.match(decodeHtml(encode(html, 'windows-1251'), 'text/html; charset=windows-1251'), /Привет/);
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('<title>é</title>')]);
    assert.equal(decodeHtml(bom, 'text/html; charset=iso-8859-1'), '<title>é</title>');
  });

  it('maps iso-8859-1, latin1 and ascii to windows-1252 as browsers do', () => {
    assert.equal(sniffEncoding(new Uint8Array(), 'text/html; charset=ISO-8859-1'), 'windows-1252');
    assert.equal(decodeHtml(new Uint8Array([0x93, 0x61, 0x94]), 'text/html; charset=latin1'), '\u201ca\u201d');
  });

  it('defaults to UTF-8 for valid UTF-8 and to windows-1252 otherwise', () => {
    assert.equal(decodeHtml(new TextEncoder().encode('<p>café</p>')), '<p>café</p>');
    assert.equal(decodeHtml(new Uint8Array([0x63, 0x61, 0x66, 0xe9])), 'café');
  });

  it('finds a <meta charset> declared after a long head when the bytes are not UTF-8', () => {
    const html = `<html><head><script>${'x'.repeat(20000)}</script><meta charset="gbk"><title>天猫</title>`;
    assert.match(decodeHtml(encode(html, 'gbk')), /天猫/);
  });

  it('ignores a charset inside a comment and treats a declared UTF-16 as UTF-8', () => {
    assert.equal(sniffEncoding(new TextEncoder().encode('<!-- <meta charset="euc-jp"> --><meta charset="utf-16">')), 'utf-8');
  });

  it('decodes through extractPage with the Content-Type header', () => {
    const body = encode('<html><head><title>Ελληνικά</title></head></html>', 'iso-8859-7');
    assert.equal(extractPage({ body, url: 'https://gr.example.com/', contentType: 'text/html; charset=iso-8859-7' }).metadata.title, 'Ελληνικά');
  });
});

describe('decodeHtml with a stale declaration', () => {
  it('reads a valid UTF-8 body as UTF-8 even when it declares a legacy charset', () => {
    const html = '<meta charset="windows-1251"><title>Главные новости</title>';
    assert.match(decodeHtml(new TextEncoder().encode(html)), /Главные новости/);
    assert.match(decodeHtml(new TextEncoder().encode('<title>café</title>'), 'text/html; charset=iso-8859-1'), /café/);
  });
});
