import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConfigService, Environment } from '@unfurl/config';
import { JobDeferredError } from '@unfurl/queue';
import { HostLimiter } from './host-limiter';

const limiter = (perHost: number) => new HostLimiter({ get: () => perHost } as unknown as ConfigService<Environment, true>);

describe('HostLimiter', () => {
  it('runs at most the configured number of fetches per host and defers the next at once, other hosts unaffected', async () => {
    const hosts = limiter(2);
    const releases: Array<() => void> = [];
    const held = () => new Promise<string>((resolve) => releases.push(() => resolve('done')));
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
});
