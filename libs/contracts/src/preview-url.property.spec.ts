import fc from 'fast-check';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeUrl, previewId, UrlRejectedError } from './preview-url';

/** URL-shaped strings: mixed-case schemes and hosts, odd ports, userinfo, IPv4/IPv6 spellings, junk. */
const urlish = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc
    .tuple(
      fc.constantFrom('http', 'HTTP', 'https', 'HtTpS', 'ftp', 'javascript', 'file', 'data', ''),
      fc.constantFrom('://', ':', ':/', '://///', '', ':\\\\'),
      fc.option(fc.constantFrom('user@', 'user:pass@', ':@', '@'), { nil: '' }),
      fc.oneof(
        fc.domain().map((d) => d.toUpperCase()),
        fc.ipV4(),
        fc.ipV4Extended(),
        fc.ipV6().map((ip) => `[${ip}]`),
        fc.constantFrom('0x7f.1', '2130706433', 'localhost.', 'example.com..', 'xn--nxasmq6b.com', 'пример.рф', 'EXAMPLE.com.', '[::ffff:127.0.0.1]', '%00', ''),
      ),
      fc.option(fc.integer({ min: -1, max: 70_000 }).map((port) => `:${port}`), { nil: '' }),
      fc.option(fc.string({ maxLength: 40 }).map((path) => `/${path}`), { nil: '' }),
      fc.option(fc.string({ maxLength: 20 }).map((query) => `?${query}`), { nil: '' }),
      fc.option(fc.string({ maxLength: 20 }).map((fragment) => `#${fragment}`), { nil: '' }),
    )
    .map((parts) => parts.join('')),
  fc.string({ maxLength: 20 }).map((s) => ` \t${s}\n`),
);

function normalizeOrRejection(input: string, maxLength?: number): string | UrlRejectedError {
  try {
    return normalizeUrl(input, maxLength);
  } catch (error) {
    if (error instanceof UrlRejectedError) return error;
    throw error;
  }
}

describe('normalizeUrl properties', () => {
  it('never throws anything but UrlRejectedError', () => {
    fc.assert(
      fc.property(urlish, fc.option(fc.integer({ min: 16, max: 4096 }), { nil: undefined }), (input, maxLength) => {
        normalizeOrRejection(input, maxLength);
      }),
      { numRuns: 5_000 },
    );
  });

  it('is idempotent: normalising a normalised URL changes nothing', () => {
    fc.assert(
      fc.property(urlish, (input) => {
        const once = normalizeOrRejection(input);
        if (once instanceof UrlRejectedError) return;
        assert.equal(normalizeUrl(once), once);
      }),
      { numRuns: 5_000 },
    );
  });

  it('keeps only http(s), without credentials or fragment, within the length limit', () => {
    fc.assert(
      fc.property(urlish, fc.integer({ min: 16, max: 4096 }), (input, maxLength) => {
        const result = normalizeOrRejection(input, maxLength);
        if (result instanceof UrlRejectedError) return;
        const url = new URL(result);
        assert.ok(url.protocol === 'http:' || url.protocol === 'https:', result);
        assert.equal(url.username + url.password, '', result);
        assert.ok(!result.includes('#'), result);
        assert.ok(result.length <= maxLength, result);
        assert.equal(url.hostname, url.hostname.toLowerCase(), result);
      }),
      { numRuns: 5_000 },
    );
  });

  it('gives every spelling of one URL one stable id', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true }), fc.string({ maxLength: 10 }), (input, fragment) => {
        const url = new URL(input);
        const respelled = `${url.protocol.toUpperCase()}//${url.host.toUpperCase()}${url.pathname}${url.search}#${fragment}`;
        const a = normalizeOrRejection(input);
        const b = normalizeOrRejection(respelled);
        if (a instanceof UrlRejectedError || b instanceof UrlRejectedError) return;
        assert.equal(previewId(a), previewId(b), `${input} vs ${respelled}`);
        assert.match(previewId(a), /^[\w-]{32}$/);
        assert.equal(previewId(a), previewId(normalizeUrl(a)));
      }),
      { numRuns: 2_000 },
    );
  });
});
