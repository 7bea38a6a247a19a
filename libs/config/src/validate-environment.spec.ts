import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateEnvironment } from './validate-environment';

const base = { DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/unfurl' };

describe('validateEnvironment', () => {
  it('fills defaults and converts numbers and booleans', () => {
    const env = validateEnvironment({ ...base, PORT: '8080', FETCH_ALLOW_PRIVATE_ADDRESSES: 'true' });
    assert.equal(env.PORT, 8080);
    assert.equal(env.FETCH_ALLOW_PRIVATE_ADDRESSES, true);
    assert.equal(env.REDIS_URL, 'redis://127.0.0.1:6379');
    assert.equal(env.WORKER_CONCURRENCY, 64);
    assert.equal(env.SITE_RULES, undefined);
    assert.equal(env.RESPECT_ROBOTS_TXT, false);
    assert.equal(env.ROBOTS_TXT_TTL_SECONDS, 3600);
  });

  it('names the missing DATABASE_URL', () => {
    assert.throws(() => validateEnvironment({}), /DATABASE_URL is required/);
  });

  it('names a bad variable and hides connection strings', () => {
    assert.throws(() => validateEnvironment({ ...base, PORT: 'eighty' }), /PORT="eighty"/);
    assert.throws(
      () => validateEnvironment({ DATABASE_URL: 'mysql://secret@host/db' }),
      (e: Error) => /DATABASE_URL=\(hidden\)/.test(e.message) && !e.message.includes('secret'),
    );
  });

  it('sizes the hot cache in megabytes: 64 by default, 0 turns it off, anything else is refused', () => {
    assert.equal(validateEnvironment(base).HOT_CACHE_MB, 64);
    assert.equal(validateEnvironment({ ...base, HOT_CACHE_MB: '0' }).HOT_CACHE_MB, 0);
    assert.throws(() => validateEnvironment({ ...base, HOT_CACHE_MB: '-1' }), /HOT_CACHE_MB="-1"/);
    assert.throws(() => validateEnvironment({ ...base, HOT_CACHE_MB: '1.5' }), /HOT_CACHE_MB="1.5"/);
  });

  it('ignores variables it does not know', () => {
    assert.doesNotThrow(() => validateEnvironment({ ...base, PATH: '/usr/bin', HOME: '/root' }));
  });
});
