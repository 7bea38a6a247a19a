import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeUrl, previewId, UrlRejectedError } from './preview-url';

describe('normalizeUrl', () => {
  const cases: Array<[string, string]> = [
    ['https://Example.COM/Path?q=1#frag', 'https://example.com/Path?q=1'],
    ['http://example.com:80/', 'http://example.com/'],
    ['https://example.com:443/a', 'https://example.com/a'],
    ['https://example.com:8443/a', 'https://example.com:8443/a'],
    ['  https://example.com  ', 'https://example.com/'],
    ['https://example.com/?', 'https://example.com/'],
    ['https://example.com./a', 'https://example.com/a'],
    ['https://bücher.example/', 'https://xn--bcher-kva.example/'],
  ];
  for (const [input, expected] of cases) {
    it(`normalises ${input}`, () => assert.equal(normalizeUrl(input), expected));
  }

  const rejected: Array<[string, string]> = [
    ['not a url', 'invalid'],
    ['/relative/path', 'invalid'],
    ['ftp://example.com/', 'scheme'],
    ['javascript:alert(1)', 'scheme'],
    ['file:///etc/passwd', 'scheme'],
    ['https://user:pass@example.com/', 'credentials'],
    [`https://example.com/${'a'.repeat(3000)}`, 'too-long'],
  ];
  for (const [input, problem] of rejected) {
    it(`rejects ${input.slice(0, 40)} as ${problem}`, () => {
      assert.throws(() => normalizeUrl(input), (e: unknown) => e instanceof UrlRejectedError && e.problem === problem);
    });
  }
});

describe('previewId', () => {
  it('is the same for every spelling of one URL and differs between URLs', () => {
    assert.equal(previewId(normalizeUrl('HTTPS://EXAMPLE.com:443/a#x')), previewId(normalizeUrl('https://example.com/a')));
    assert.notEqual(previewId(normalizeUrl('https://example.com/a')), previewId(normalizeUrl('https://example.com/b')));
  });
});
