import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SITE_RULES } from './site-rules.defaults';
import { redactHeaders, SiteRules } from './site-rules';
import { parseSiteRules } from './parse-site-rules';

describe('SiteRules', () => {
  const rules = new SiteRules(
    [{ hosts: ['example.com', '*.example.com'], userAgent: 'Default/1' }],
    [
      { hosts: ['*.example.com'], userAgent: 'File/1', ttlSeconds: 60 },
      { hosts: ['*.deep.example.com'], deny: true },
      { hosts: ['exact.deep.example.com'], concurrency: 1 },
    ],
  );

  it('matches an exact host, and *.suffix on subdomains at any depth but not on the suffix itself', () => {
    assert.equal(rules.forHost('example.com').userAgent, 'Default/1');
    assert.equal(rules.forHost('www.example.com').userAgent, 'File/1');
    assert.equal(rules.forHost('a.b.example.com').userAgent, 'File/1');
    assert.equal(rules.forHost('deep.example.com').deny, false);
    assert.equal(rules.forHost('notexample.com').pattern, undefined);
  });

  it('reads a host with a trailing dot (the same host in DNS) as the host without it', () => {
    assert.equal(rules.forHost('example.com.').userAgent, 'Default/1');
    assert.equal(rules.forHost('x.deep.example.com.').deny, true);
    assert.equal(rules.forHost('x.deep.example.com..').deny, true);
    assert.equal(rules.forUrl('http://x.deep.example.com./').deny, true);
  });

  it('lets the most specific pattern win, as a whole rule', () => {
    assert.deepEqual(rules.forHost('x.deep.example.com'), { pattern: '*.deep.example.com', userAgent: undefined, headers: {}, ttlSeconds: undefined, failureTtlSeconds: undefined, render: 'auto', concurrency: undefined, deny: true });
    assert.equal(rules.forHost('exact.deep.example.com').concurrency, 1);
    assert.equal(rules.forHost('exact.deep.example.com').deny, false);
  });

  it("lets the file's rule replace a default of the same pattern", () => {
    assert.equal(rules.forHost('www.example.com').ttlSeconds, 60);
    assert.equal(rules.forHost('www.example.com').pattern, '*.example.com');
  });

  it('gives nothing to hosts without a rule, and to strings that are not URLs', () => {
    assert.deepEqual(rules.forHost('other.org'), { headers: {}, render: 'auto', deny: false });
    assert.equal(rules.forUrl('not a url').deny, false);
    assert.equal(rules.forUrl('https://x.deep.example.com/page?q=1').deny, true);
  });

  it('ships default rules that pass its own validation', () => {
    assert.doesNotThrow(() => parseSiteRules({ rules: DEFAULT_SITE_RULES }));
    const defaults = new SiteRules(DEFAULT_SITE_RULES);
    assert.match(defaults.forHost('x.com').userAgent ?? '', /bot/i);
    assert.match(defaults.forHost('mobile.twitter.com').userAgent ?? '', /bot/i);
    assert.equal(defaults.forHost('www.amazon.co.uk').userAgent, 'facebookexternalhit/1.1');
    assert.equal(defaults.forHost('example.org').userAgent, undefined);
  });
});

describe('redactHeaders', () => {
  it('keeps the names and hides every value', () => {
    assert.deepEqual(redactHeaders({ 'x-api-key': 'secret', cookie: 'a=b' }), { 'x-api-key': '[redacted]', cookie: '[redacted]' });
  });
});
