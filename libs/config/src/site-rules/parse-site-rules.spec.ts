import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSiteRules } from './parse-site-rules';

const rules = (...entries: unknown[]) => parseSiteRules({ rules: entries });

/** Asserts that `headers` is refused with `message`, and that the message does not quote the value. */
function refusesHeaders(headers: unknown, message: RegExp): void {
  assert.throws(
    () => rules({ hosts: ['a.com'], headers }),
    (error: Error) => message.test(error.message) && !error.message.includes('s3cret'),
  );
}

describe('parseSiteRules', () => {
  it('reads every field and normalises host patterns and header names', () => {
    const given = { hosts: ['Example.COM', '*.Bücher.de'], userAgent: 'Bot/1', headers: { 'X-Api-Key': 'secret' }, ttlSeconds: 60, failureTtlSeconds: 5, render: 'always', concurrency: 2, deny: false };
    const [rule] = rules(given);
    assert.deepEqual(rule, { ...given, hosts: ['example.com', '*.xn--bcher-kva.de'], headers: { 'x-api-key': 'secret' } });
  });

  it('names the rule by number and first host, and the field', () => {
    assert.throws(
      () => rules({ hosts: ['a.com'] }, { hosts: ['b.com'] }, { hosts: ['*.example.com'], userAgent: 42 }),
      { message: 'SITE_RULES rule 3 (*.example.com): userAgent must be a string' },
    );
    assert.throws(() => rules({ hosts: ['a.com'], ttlSeconds: 0 }), /rule 1 \(a\.com\): ttlSeconds must be a whole number/);
    assert.throws(() => rules({ hosts: ['a.com'], concurrency: 1.5 }), /concurrency must be a whole number from 1 to 1024/);
    assert.throws(() => rules({ hosts: ['a.com'], render: 'sometimes' }), /render must be one of auto, always, never/);
    assert.throws(() => rules({ hosts: ['a.com'], deny: 'yes' }), /deny must be true or false/);
    assert.throws(() => rules({ hosts: ['a.com'], userAgnet: 'x' }), /unknown field "userAgnet"/);
    assert.throws(() => rules('a.com'), /rule 1: must be a mapping/);
  });

  it('refuses host patterns that are not a host or *.suffix', () => {
    for (const host of ['', '*', '*.', 'a.*.com', 'example.com/path', 'user@example.com', 'example.com:8080', 'a b.com', 7]) {
      assert.throws(() => rules({ hosts: [host] }), /hosts\[0\] must be a host name or \*\.suffix/, String(host));
    }
    assert.throws(() => rules({ hosts: [] }), /hosts must be a non-empty list/);
    assert.throws(() => rules({ hosts: 'a.com' }), /hosts must be a non-empty list/);
  });

  it('refuses a host pattern given twice', () => {
    assert.throws(() => rules({ hosts: ['a.com'] }, { hosts: ['b.com', 'A.com'] }), /rule 2 \(b\.com\): host a\.com is already in rule 1/);
  });

  it('refuses bad headers without quoting their values', () => {
    refusesHeaders({ 'X-Key': 's3cret\r\nEvil: 1' }, /headers\.X-Key must be a string without control characters/);
    refusesHeaders({ 'X-Key': 12 }, /headers\.X-Key must be a string/);
    refusesHeaders({ 'Bad Name': 's3cret' }, /"Bad Name" is not a header name/);
    refusesHeaders({ Host: 's3cret' }, /headers\.Host is set by Unfurl/);
    refusesHeaders({ 'User-Agent': 's3cret' }, /set the user agent with userAgent/);
    refusesHeaders(['s3cret'], /headers must be a mapping/);
  });

  it('needs a rules list at the top', () => {
    assert.throws(() => parseSiteRules([{ hosts: ['a.com'] }]), /must hold `rules:`/);
    assert.throws(() => parseSiteRules(null), /must hold `rules:`/);
    assert.deepEqual(parseSiteRules({ rules: [] }), []);
  });
});
