import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PreviewJobName, QueueName } from '@unfurl/contracts';
import { laneOf, LANE_TICK_MS, priorityOf, tickOf } from './fair-order';
import { JOBS } from './job-options';

describe('fair ordering', () => {
  it('uses a job\'s tag as its priority: a tick of the clock, taken in order', () => {
    assert.deepEqual([2, 5_000, tickOf(Date.UTC(2026, 11, 7))].map(priorityOf), [2, 5_000, 17_966_016_000]);
    assert.equal(tickOf(1_000), 1_000 / LANE_TICK_MS);
  });

  it('puts an untagged job first in line, never at Bull 4\'s unprioritized back of the queue', () => {
    for (const tag of [undefined, 0, -3, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) assert.equal(priorityOf(tag), 1, String(tag));
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
