import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { productToken, RobotsTxt } from './robots-txt';

const AGENT = 'unfurlbot';

describe('RobotsTxt', () => {
  it('obeys the group naming its product token, case-insensitively, over the * group', () => {
    const robots = RobotsTxt.parse('User-agent: *\nDisallow: /\n\nUser-Agent: UnfurlBot\nDisallow: /private\n');
    assert.equal(robots.isAllowed(AGENT, '/public'), true);
    assert.equal(robots.isAllowed(AGENT, '/private/page'), false);
    assert.equal(robots.isAllowed('otherbot', '/public'), false);
  });

  it('falls back to the * group, and allows everything without a matching group', () => {
    assert.equal(RobotsTxt.parse('User-agent: *\nDisallow: /admin\n').isAllowed(AGENT, '/admin/x'), false);
    assert.equal(RobotsTxt.parse('User-agent: googlebot\nDisallow: /\n').isAllowed(AGENT, '/'), true);
    assert.equal(RobotsTxt.parse('').isAllowed(AGENT, '/anything'), true);
  });

  it('combines several groups for the same agent, and several agents in one group', () => {
    const robots = RobotsTxt.parse('User-agent: a\nUser-agent: unfurlbot\nDisallow: /one\n\nUser-agent: unfurlbot\nDisallow: /two\n');
    assert.equal(robots.isAllowed(AGENT, '/one'), false);
    assert.equal(robots.isAllowed(AGENT, '/two'), false);
    assert.equal(robots.isAllowed('a', '/two'), true);
  });

  it('lets the longest match win, allow on a tie', () => {
    const robots = RobotsTxt.parse('User-agent: *\nDisallow: /docs\nAllow: /docs/public\nDisallow: /docs/public/secret\nAllow: /same\nDisallow: /same\n');
    assert.equal(robots.isAllowed(AGENT, '/docs/x'), false);
    assert.equal(robots.isAllowed(AGENT, '/docs/public/a'), true);
    assert.equal(robots.isAllowed(AGENT, '/docs/public/secret/b'), false);
    assert.equal(robots.isAllowed(AGENT, '/same'), true);
  });

  it('understands * and a final $', () => {
    const robots = RobotsTxt.parse('User-agent: *\nDisallow: /*.pdf$\nDisallow: /*/drafts/*/edit\nAllow: /$\nDisallow: /\n');
    assert.equal(robots.isAllowed(AGENT, '/'), true);
    assert.equal(robots.isAllowed(AGENT, '/page'), false);
    const files = RobotsTxt.parse('User-agent: *\nDisallow: /*.pdf$\nDisallow: /*/drafts/*/edit\n');
    assert.equal(files.isAllowed(AGENT, '/a/b.pdf'), false);
    assert.equal(files.isAllowed(AGENT, '/a/b.pdf?x=1'), true);
    assert.equal(files.isAllowed(AGENT, '/u/drafts/7/edit'), false);
    assert.equal(files.isAllowed(AGENT, '/u/drafts/7/view'), true);
    assert.equal(RobotsTxt.parse('User-agent: *\nDisallow: /a*b$\n').isAllowed(AGENT, '/ab'), false);
    assert.equal(RobotsTxt.parse('User-agent: *\nDisallow: /ab*b$\n').isAllowed(AGENT, '/ab'), true);
  });

  it('ignores an empty Disallow, comments, unknown lines and rules before any user-agent', () => {
    const robots = RobotsTxt.parse('Disallow: /orphan\n# comment\nUser-agent: * # everyone\nDisallow:\nSitemap: https://e.com/s.xml\nCrawl-delay: 5\nDisallow: /x # trailing\n');
    assert.equal(robots.isAllowed(AGENT, '/orphan'), true);
    assert.equal(robots.isAllowed(AGENT, '/x'), false);
    assert.equal(robots.isAllowed(AGENT, '/y'), true);
  });

  it('starts a new group at a user-agent line after rules', () => {
    const robots = RobotsTxt.parse('User-agent: unfurlbot\nDisallow: /a\nUser-agent: other\nDisallow: /b\n');
    assert.equal(robots.isAllowed(AGENT, '/b'), true);
    assert.equal(robots.isAllowed('other', '/a'), true);
  });

  it('compares percent-encoded and UTF-8 paths alike, and always allows /robots.txt', () => {
    const robots = RobotsTxt.parse('User-agent: *\nDisallow: /café\nDisallow: /a%2fb\nDisallow: /robots.txt\n');
    assert.equal(robots.isAllowed(AGENT, '/caf%C3%A9/menu'), false);
    assert.equal(robots.isAllowed(AGENT, '/a%2Fb'), false);
    assert.equal(robots.isAllowed(AGENT, '/robots.txt'), true);
  });

  it('reads CRLF and CR line ends', () => {
    assert.equal(RobotsTxt.parse('User-agent: *\r\nDisallow: /x\r\n').isAllowed(AGENT, '/x'), false);
    assert.equal(RobotsTxt.parse('User-agent: *\rDisallow: /x\r').isAllowed(AGENT, '/x'), false);
  });

  it('matches many wildcards by finding segments in order, without backtracking', () => {
    const robots = RobotsTxt.parse(`User-agent: *\nDisallow: /${'*a'.repeat(2000)}$\n`);
    assert.equal(robots.isAllowed(AGENT, `/${'a'.repeat(20_000)}b`), true);
    assert.equal(robots.isAllowed(AGENT, `/${'a'.repeat(20_000)}`), false);
    assert.equal(robots.isAllowed(AGENT, `/${'a'.repeat(1_000)}`), true);
  });
});

describe('productToken', () => {
  it('is the leading name of a user agent, lower-cased', () => {
    assert.equal(productToken('UnfurlBot/0.1 (+https://github.com/unfurl/unfurl)'), 'unfurlbot');
    assert.equal(productToken('  Googlebot-Image '), 'googlebot-image');
    assert.equal(productToken('*'), '*');
  });
});
