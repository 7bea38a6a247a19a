import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PreviewJobName, QueueName } from '@unfurl/contracts';
import { laneOf, MAX_PRIORITY, priorityOf } from './fair-order';
import { JOBS } from './job-options';

describe('fair ordering', () => {
  it('ranks a job by its arrival in its lane: the 1st is taken first, the 5,000th after 4,999 of its lane', () => {
    assert.deepEqual([1, 2, 5_000].map(priorityOf), [1, 2, 5_000]);
  });

  it('caps the priority at 2^21, so a lane that never rests shares the last place instead of overflowing', () => {
    assert.equal(priorityOf(MAX_PRIORITY), 2_097_152);
    assert.equal(priorityOf(MAX_PRIORITY + 1), MAX_PRIORITY);
    assert.equal(priorityOf(1e12), MAX_PRIORITY);
  });

  it('puts an unranked job first in line, never at Bull 4\'s unprioritized back of the queue', () => {
    for (const rank of [undefined, 0, -3, Number.NaN, Number.POSITIVE_INFINITY]) assert.equal(priorityOf(rank), 1, String(rank));
  });

  it('gives all subdomains of a site one lane, but separate lanes to the sites under a public suffix', () => {
    assert.equal(laneOf('https://www.example.com/a'), 'example.com');
    assert.equal(laneOf('https://a.b.example.com/'), 'example.com');
    assert.equal(laneOf('https://news.example.co.uk/'), 'example.co.uk');
    assert.notEqual(laneOf('https://alice.github.io/'), laneOf('https://bob.github.io/'));
    assert.notEqual(laneOf('https://one.co.uk/'), laneOf('https://two.co.uk/'));
  });

  it('uses the host itself where there is no registrable domain: IP addresses, localhost', () => {
    assert.equal(laneOf('http://127.0.0.2:8080/hang-1'), '127.0.0.2');
    assert.notEqual(laneOf('http://127.0.0.1/'), laneOf('http://127.0.0.2/'));
    assert.equal(laneOf('http://[::1]:3000/'), '[::1]');
    assert.equal(laneOf('http://localhost/'), 'localhost');
  });

  it('orders every job of a queue alike: all ranked or none, since Bull 4 takes unprioritized jobs last', () => {
    for (const queue of Object.values(QueueName)) {
      const specs = Object.values(JOBS).filter((spec) => spec.queue === queue);
      assert.ok(specs.length > 0);
      assert.equal(new Set(specs.map((spec) => spec.lane !== undefined)).size, 1, queue);
    }
    assert.ok(JOBS[PreviewJobName.Unfurl].lane, 'previews are ranked');
  });
});
