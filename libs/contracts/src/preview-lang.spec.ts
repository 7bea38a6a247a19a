import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isLangTag, normalizeLang } from './preview-lang';
import { normalizeUrl, previewId } from './preview-url';

describe('language tags', () => {
  it('accepts BCP 47 tags and spells them in their conventional case', () => {
    assert.equal(normalizeLang('EN'), 'en');
    assert.equal(normalizeLang('fr-ch'), 'fr-CH');
    assert.equal(normalizeLang('ZH-hant-tw'), 'zh-Hant-TW');
    assert.equal(normalizeLang('es-419'), 'es-419');
    assert.equal(normalizeLang('sl-rozaj-biske'), 'sl-rozaj-biske');
    assert.equal(normalizeLang('de-DE-u-co-phonebk'), 'de-DE-u-co-phonebk');
    assert.equal(normalizeLang('en-US-x-TWAIN'), 'en-US-x-twain');
    assert.equal(normalizeLang('x-whatever'), 'x-whatever');
  });

  it('refuses what is not a single tag: lists, weights, wildcards, junk, overlong tags', () => {
    for (const bad of ['', 'en,fr', 'fr;q=0.9', '*', 'e', 'englishlanguage', 'en-a', 'en_US', 'en-', '-en', 'en US', 'en-US-u', `en-${'x'.repeat(70)}`, 'i-klingon', 'en\n']) {
      assert.equal(isLangTag(bad), false, JSON.stringify(bad));
      assert.throws(() => normalizeLang(bad), RangeError);
    }
  });
});

describe('preview identity', () => {
  const url = normalizeUrl('https://example.com/a');

  it('keeps the id of a preview without a language what it always was', () => {
    assert.equal(previewId(url), previewId(url, null));
    // sha256 of the URL alone, base64url, 32 characters: the id rows stored before languages existed have.
    assert.equal(previewId(url), 'Lc4KTFBEG_zPqcr0tYw8um4GxCBQXdgp');
  });

  it('gives one URL in two languages two ids, and one language in two spellings one', () => {
    assert.notEqual(previewId(url, 'fr'), previewId(url));
    assert.notEqual(previewId(url, 'fr'), previewId(url, 'de'));
    assert.equal(previewId(url, normalizeLang('FR-ch')), previewId(url, normalizeLang('fr-CH')));
  });
});
