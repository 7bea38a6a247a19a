import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ByteLru } from './byte-lru';

describe('ByteLru', () => {
  it('keeps entries while their bytes fit, counting replacements once', () => {
    const lru = new ByteLru<string>(100);
    assert.equal(lru.set('a', 'A', 40), true);
    assert.equal(lru.set('b', 'B', 60), true);
    assert.equal(lru.set('a', 'A2', 40), true);
    assert.deepEqual([lru.get('a'), lru.get('b'), lru.size, lru.bytes], ['A2', 'B', 2, 100]);
  });

  it('drops the least recently used entries to make room, and says so for each', () => {
    let evictions = 0;
    const lru = new ByteLru<string>(100, () => evictions++);
    lru.set('a', 'A', 30);
    lru.set('b', 'B', 30);
    lru.set('c', 'C', 30);
    lru.get('a');
    lru.set('d', 'D', 50);
    assert.equal(lru.get('b'), undefined);
    assert.equal(lru.get('c'), undefined);
    assert.deepEqual([lru.get('a'), lru.get('d'), lru.bytes, evictions], ['A', 'D', 80, 2]);
  });

  it('refuses a value larger than the whole bound without dropping anything', () => {
    let evictions = 0;
    const lru = new ByteLru<string>(100, () => evictions++);
    lru.set('a', 'A', 60);
    assert.equal(lru.set('huge', 'H', 101), false);
    assert.deepEqual([lru.get('a'), lru.get('huge'), lru.bytes, evictions], ['A', undefined, 60, 0]);
  });

  it('gives back the bytes of deleted and cleared entries', () => {
    const lru = new ByteLru<string>(100);
    lru.set('a', 'A', 60);
    lru.set('b', 'B', 40);
    assert.equal(lru.delete('a'), true);
    assert.equal(lru.delete('a'), false);
    assert.deepEqual([lru.size, lru.bytes], [1, 40]);
    lru.clear();
    assert.deepEqual([lru.size, lru.bytes, lru.get('b')], [0, 0, undefined]);
  });
});
