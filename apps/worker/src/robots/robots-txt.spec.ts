import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { productToken, RobotsTxt } from './robots-txt';

const AGENT = 'unfurlbot';

/** Asserts, for each path, whether `agent` may fetch it under the robots.txt `text`. */
function expectVerdicts(text: string, expected: Record<string, boolean>, agent = AGENT): void {
  const robots = RobotsTxt.parse(text);
  const actual = Object.fromEntries(Object.keys(expected).map((path) => [path, robots.isAllowed(agent, path)]));
  assert.deepEqual(actual, expected, `as ${agent}`);
}

describe('RobotsTxt', () => {
  it('obeys the group naming its product token, case-insensitively, over the * group', () => {
    const text = 'User-agent: *\nDisallow: /\n\nUser-Agent: UnfurlBot\nDisallow: /private\n';
    expectVerdicts(text, { '/public': true, '/private/page': false });
    expectVerdicts(text, { '/public': false }, 'otherbot');
  });

  it('falls back to the * group, and allows everything without a matching group', () => {
    expectVerdicts('User-agent: *\nDisallow: /admin\n', { '/admin/x': false, '/home': true });
    expectVerdicts('User-agent: googlebot\nDisallow: /\n', { '/': true });
    expectVerdicts('', { '/anything': true });
  });

  it('combines several groups for the same agent, and several agents in one group', () => {
    const text = 'User-agent: a\nUser-agent: unfurlbot\nDisallow: /one\n\nUser-agent: unfurlbot\nDisallow: /two\n';
    expectVerdicts(text, { '/one': false, '/two': false });
    expectVerdicts(text, { '/one': false, '/two': true }, 'a');
  });

  it('lets the longest match win, allow on a tie', () => {
    expectVerdicts('User-agent: *\nDisallow: /docs\nAllow: /docs/public\nDisallow: /docs/public/secret\nAllow: /same\nDisallow: /same\n', {
      '/docs/x': false,
      '/docs/public/a': true,
      '/docs/public/secret/b': false,
      '/same': true,
    });
  });

  it('understands * and a final $', () => {
    expectVerdicts('User-agent: *\nAllow: /$\nDisallow: /\n', { '/': true, '/page': false });
    expectVerdicts('User-agent: *\nDisallow: /*.pdf$\nDisallow: /*/drafts/*/edit\n', {
      '/a/b.pdf': false,
      '/a/b.pdf?x=1': true,
      '/u/drafts/7/edit': false,
      '/u/drafts/7/view': true,
    });
    expectVerdicts('User-agent: *\nDisallow: /a*b$\n', { '/ab': false, '/axxb': false, '/abc': true });
    expectVerdicts('User-agent: *\nDisallow: /ab*b$\n', { '/ab': true, '/abb': false });
  });

  it('ignores an empty Disallow, comments, unknown lines and rules before any user-agent', () => {
    expectVerdicts('Disallow: /orphan\n# comment\nUser-agent: * # everyone\nDisallow:\nSitemap: https://e.com/s.xml\nCrawl-delay: 5\nDisallow: /x # trailing\n', {
      '/orphan': true,
      '/x': false,
      '/y': true,
    });
  });

  it('starts a new group at a user-agent line after rules', () => {
    const text = 'User-agent: unfurlbot\nDisallow: /a\nUser-agent: other\nDisallow: /b\n';
    expectVerdicts(text, { '/a': false, '/b': true });
    expectVerdicts(text, { '/a': true, '/b': false }, 'other');
  });

  it('compares percent-encoded and UTF-8 paths alike, and always allows /robots.txt', () => {
    expectVerdicts('User-agent: *\nDisallow: /café\nDisallow: /a%2fb\nDisallow: /robots.txt\n', { '/caf%C3%A9/menu': false, '/a%2Fb': false, '/robots.txt': true });
  });

  it('reads CRLF and CR line ends', () => {
    expectVerdicts('User-agent: *\r\nDisallow: /x\r\n', { '/x': false });
    expectVerdicts('User-agent: *\rDisallow: /x\r', { '/x': false });
  });

  it('matches many wildcards by finding segments in order, without backtracking', () => {
    const long = 'a'.repeat(20_000);
    expectVerdicts(`User-agent: *\nDisallow: /${'*a'.repeat(2000)}$\n`, { [`/${long}b`]: true, [`/${long}`]: false, [`/${long.slice(0, 1_000)}`]: true });
  });
});

describe('productToken', () => {
  it('is the leading name of a user agent, lower-cased', () => {
    assert.equal(productToken('UnfurlBot/0.1 (+https://github.com/unfurl/unfurl)'), 'unfurlbot');
    assert.equal(productToken('  Googlebot-Image '), 'googlebot-image');
    assert.equal(productToken('*'), '*');
  });
});
