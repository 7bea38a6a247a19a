import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SiteRules, type ConfigService, type Environment } from '@unfurl/config';
import { HostLimiter } from './host-limiter';

const limiter = (perHost: number, rules = new SiteRules([])) => new HostLimiter({ get: () => perHost } as unknown as ConfigService<Environment, true>, rules);

/** A task that stays running until the test lets it go, recording how many run at once per host. */
function gate() {
  const running = new Map<string, number>();
  const peak = new Map<string, number>();
  const releases: Array<() => void> = [];
  const task = (host: string) => async () => {
    running.set(host, (running.get(host) ?? 0) + 1);
    peak.set(host, Math.max(peak.get(host) ?? 0, running.get(host) ?? 0));
    await new Promise<void>((resolve) => releases.push(resolve));
    running.set(host, (running.get(host) ?? 0) - 1);
    return host;
  };
  const releaseAll = async () => {
    while (releases.length > 0) {
      releases.splice(0).forEach((release) => release());
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { task, peak, releases, releaseAll };
}

describe('HostLimiter', () => {
  it('runs at most the configured number of fetches per host, and others freely', async () => {
    const hosts = limiter(2);
    const { task, peak, releases, releaseAll } = gate();
    const results = [
      ...Array.from({ length: 5 }, () => hosts.run('https://a.example/page', task('a'))),
      ...Array.from({ length: 3 }, () => hosts.run('https://B.example:8443/x', task('b'))),
      hosts.run('https://c.example/', task('c')),
    ];
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(releases.length, 5, 'two of a, two of b and one of c start');
    assert.equal(hosts.waiting, 4);
    await releaseAll();
    assert.deepEqual(await Promise.all(results), ['a', 'a', 'a', 'a', 'a', 'b', 'b', 'b', 'c']);
    assert.deepEqual(Object.fromEntries(peak), { a: 2, b: 2, c: 1 });
  });

  it('frees the slot when a fetch fails and forgets idle hosts', async () => {
    const hosts = limiter(1);
    await assert.rejects(hosts.run('http://a.example/', () => Promise.reject(new Error('refused'))), /refused/);
    assert.equal(await hosts.run('http://a.example/', () => Promise.resolve('next')), 'next');
    assert.equal(hosts.activeHosts, 0);
  });

  it("caps a host with a site rule's concurrency instead of the configured one", async () => {
    const hosts = limiter(4, new SiteRules([], [{ hosts: ['*.slow.example'], concurrency: 1 }]));
    const { task, peak, releases, releaseAll } = gate();
    const results = [
      ...Array.from({ length: 3 }, () => hosts.run('https://www.slow.example/page', task('slow'))),
      ...Array.from({ length: 3 }, () => hosts.run('https://fast.example/page', task('fast'))),
    ];
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(releases.length, 4, 'one of slow and three of fast start');
    await releaseAll();
    await Promise.all(results);
    assert.deepEqual(Object.fromEntries(peak), { slow: 1, fast: 3 });
  });
});
