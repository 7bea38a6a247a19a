import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConfigService, Environment } from '@unfurl/config';
import { PreviewStatus } from '@unfurl/contracts';
import type { PreviewEntity } from '@unfurl/database';
import type { PreviewChanges } from '@unfurl/queue';
import { ApiMetrics } from '../metrics/api-metrics';
import { HotCache } from './hot-cache';

const DAY_MS = 86_400_000;

function hotCache(): HotCache {
  const config = { get: () => 1 } as unknown as ConfigService<Environment, true>;
  const cache = new HotCache(config, { listen: () => undefined } as unknown as PreviewChanges, new ApiMetrics());
  cache.listening(true);
  return cache;
}

const row = (now: number, expiresInMs: number) =>
  ({
    id: 'p1',
    url: 'https://example.com/',
    lang: null,
    status: PreviewStatus.Ready,
    data: { title: 'Example' },
    errorCode: null,
    errorMessage: null,
    fetchedAt: new Date(now),
    expiresAt: new Date(now + expiresInMs),
  }) as unknown as PreviewEntity;

describe('HotCache', () => {
  it('answers a copy for at most a minute, even when the preview expires in a day: a missed announcement matters no longer', () => {
    const cache = hotCache();
    const now = Date.now();
    cache.remember(cache.ticket(), row(now, DAY_MS), now);
    assert.ok(cache.find('p1', now + 59_000));
    assert.equal(cache.find('p1', now + 61_000), undefined);
  });

  it('never answers past expiresAt', () => {
    const cache = hotCache();
    const now = Date.now();
    cache.remember(cache.ticket(), row(now, 5_000), now);
    assert.ok(cache.find('p1', now + 4_000));
    assert.equal(cache.find('p1', now + 5_000), undefined);
  });

  it('keeps each body in memory of its own, not in a slice of a shared slab', () => {
    const cache = hotCache();
    const now = Date.now();
    cache.remember(cache.ticket(), row(now, DAY_MS), now);
    const body = cache.find('p1', now)?.body;
    assert.ok(body);
    assert.equal(body.buffer.byteLength, body.length);
    assert.equal(JSON.parse(body.toString()).id, 'p1');
  });
});
