import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SiteRules, type ConfigService, type Environment } from '@unfurl/config';
import { JobDeferredError } from '@unfurl/queue';
import { HostLimiter } from './host-limiter';

const limiter = (perHost: number, rules = new SiteRules([])) => new HostLimiter({ get: () => perHost } as unknown as ConfigService<Environment, true>, rules);

/** A fetch that stays running until the test lets it go. */
function gate() {
  const releases: Array<() => void> = [];
  const held = () => new Promise<string>((resolve) => releases.push(() => resolve('done')));
  return { held, releases };
}

describe('HostLimiter', () => {
  it('runs at most the configured number of fetches per host and defers the next at once, other hosts unaffected', async () => {
    const hosts = limiter(2);
    const { held, releases } = gate();
    const running = [hosts.run('https://a.example/page', held), hosts.run('https://A.example:8443/x', held)];
    await assert.rejects(hosts.run('https://a.example/other', held), JobDeferredError);
    const other = hosts.run('https://b.example/', held);
    assert.equal(releases.length, 3, 'two of a and one of b started; the third of a never did');
    releases.forEach((release) => release());
    assert.deepEqual(await Promise.all([...running, other]), ['done', 'done', 'done']);
    assert.equal(await hosts.run('https://a.example/again', () => Promise.resolve('free again')), 'free again');
  });

  it('frees the slot when a fetch fails and forgets idle hosts', async () => {
    const hosts = limiter(1);
    await assert.rejects(hosts.run('http://a.example/', () => Promise.reject(new Error('refused'))), /refused/);
    assert.equal(await hosts.run('http://a.example/', () => Promise.resolve('next')), 'next');
    assert.equal(hosts.activeHosts, 0);
  });

  it("caps a host with a site rule's concurrency instead of the configured one", async () => {
    const hosts = limiter(4, new SiteRules([], [{ hosts: ['*.slow.example'], concurrency: 1 }]));
    const { held, releases } = gate();
    const running = [hosts.run('https://www.slow.example/page', held), ...Array.from({ length: 3 }, () => hosts.run('https://fast.example/page', held))];
    await assert.rejects(hosts.run('https://www.slow.example/other', held), JobDeferredError);
    running.push(hosts.run('https://fast.example/fourth', held));
    await assert.rejects(hosts.run('https://fast.example/fifth', held), JobDeferredError);
    assert.equal(releases.length, 5, 'one of slow and four of fast started');
    releases.forEach((release) => release());
    await Promise.all(running);
  });
});
