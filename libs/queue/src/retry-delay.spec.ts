import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deferralDelay, failureDelay, RetryAfter, retryBackoff } from './retry-delay';

describe('retry delays', () => {
  it('defers 250 ms at first, doubling to at most 10 s, jittered over the upper half', () => {
    assert.equal(deferralDelay(0, () => 1), 250);
    assert.equal(deferralDelay(0, () => 0), 125);
    assert.equal(deferralDelay(3, () => 1), 2_000);
    assert.equal(deferralDelay(50, () => 1), 10_000);
    assert.equal(deferralDelay(50, () => 0), 5_000);
  });

  it('backs off real failures as Bull does, counting failures only', () => {
    assert.deepEqual([1, 2, 3].map((failures) => failureDelay(failures, 2_000)), [2_000, 6_000, 14_000]);
  });

  it('gives Bull the delay carried by the error, and no retry for anything else', () => {
    assert.equal(retryBackoff(7, new RetryAfter(1_234, new Error('x'))), 1_234);
    assert.equal(retryBackoff(1, new Error('thrown past the wrapper')), -1);
  });
});
