import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import type { ConfigService, Environment } from '@unfurl/config';
import { PreviewErrorCode } from '@unfurl/contracts';
import { breakerOutcome, HostBreaker } from './host-breaker';

const settings: Partial<Environment> = { HOST_BREAKER_FAILURES: 3, HOST_BREAKER_COOLDOWN_MS: 1_000 };
const breaker = () => new HostBreaker({ get: (key: keyof Environment) => settings[key] } as unknown as ConfigService<Environment, true>);

describe('HostBreaker', () => {
  beforeEach(() => mock.timers.enable({ apis: ['Date'], now: 0 }));
  afterEach(() => mock.timers.reset());

  it('opens after the configured consecutive failures, for that host only; an answer in between resets the count', () => {
    const hosts = breaker();
    hosts.record('a', 'failed');
    hosts.record('a', 'failed');
    hosts.record('a', 'answered');
    hosts.record('a', 'failed');
    hosts.record('a', 'failed');
    assert.equal(hosts.admits('a'), true, 'two failures after an answer');
    hosts.record('a', 'failed');
    assert.equal(hosts.admits('a'), false);
    assert.equal(hosts.admits('b'), true);
    assert.equal(hosts.openCount, 1);
    assert.equal(hosts.refused, 1);
  });

  it('lets one probe through after the cool-down; an answer closes it, a failure reopens it for twice as long', () => {
    const hosts = breaker();
    for (let i = 0; i < 3; i++) hosts.record('a', 'failed');
    mock.timers.tick(1_000);
    assert.equal(hosts.admits('a'), true, 'the probe');
    assert.equal(hosts.admits('a'), false, 'one probe at a time');
    hosts.record('a', 'failed');
    mock.timers.tick(1_999);
    assert.equal(hosts.admits('a'), false, 'reopened for 2 s');
    mock.timers.tick(1);
    assert.equal(hosts.admits('a'), true);
    hosts.record('a', 'answered');
    assert.equal(hosts.admits('a'), true);
    assert.equal(hosts.openCount, 0);
  });

  it('frees the probe when it never reached the host (deferred)', () => {
    const hosts = breaker();
    for (let i = 0; i < 3; i++) hosts.record('a', 'failed');
    mock.timers.tick(1_000);
    assert.equal(hosts.admits('a'), true);
    hosts.record('a', 'not-tried');
    assert.equal(hosts.admits('a'), true, 'the next job is the probe');
  });

  it('counts only timeouts and refusals against a host, not HTTP answers', () => {
    assert.equal(breakerOutcome(PreviewErrorCode.UpstreamTimeout), 'failed');
    assert.equal(breakerOutcome(PreviewErrorCode.UpstreamUnreachable), 'failed');
    assert.equal(breakerOutcome('UPSTREAM_HTTP_503'), 'answered');
    assert.equal(breakerOutcome(PreviewErrorCode.TooLarge), 'answered');
  });
});
