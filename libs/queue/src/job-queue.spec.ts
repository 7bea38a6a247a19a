import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PreviewJobName, WebhookJobName } from '@unfurl/contracts';
import type { JobOptions, Queue } from 'bull';
import { JobQueue } from './job-queue';

/** A queue that records what it is given, with a lane counter that answers `rank` (a promise: it may hang or fail). */
function fakeQueue(rank: () => Promise<unknown>, added: JobOptions[], counted: string[]): Queue {
  const fake = {
    client: {
      evalsha: (_sha: string, _keys: number, key: string) => {
        counted.push(key);
        return rank();
      },
      eval: (_script: string, _keys: number, key: string) => {
        counted.push(`sent whole: ${key}`);
        return rank();
      },
    },
    toKey: (type: string) => `bull:q:${type}`,
    add: async (_name: string, _data: unknown, options: JobOptions) => {
      added.push(options);
    },
  };
  return fake as unknown as Queue;
}

function jobQueue(rank: () => Promise<unknown>) {
  const added: JobOptions[] = [];
  const counted: string[] = [];
  const queue = fakeQueue(rank, added, counted);
  return { jobs: new JobQueue(queue, queue, queue), added, counted };
}

const preview = (url: string) => ({ name: PreviewJobName.Unfurl, data: { id: 'p', url } }) as const;

describe('JobQueue ranks preview jobs by site', () => {
  it('adds a preview with its rank in its site as its priority, counted under the site', async () => {
    const { jobs, added, counted } = jobQueue(async () => 7);
    await jobs.enqueue(preview('https://news.example.com/a'));
    assert.deepEqual(counted, ['bull:q:lane:example.com']);
    assert.equal(added[0].priority, 7);
    assert.equal(added[0].jobId, 'p');
  });

  it('still queues the job, first in line, when Redis fails the count', async () => {
    const { jobs, added } = jobQueue(async () => {
      throw new Error('ERR max number of clients reached');
    });
    await jobs.enqueue(preview('https://example.com/'));
    assert.equal(added[0].priority, 1);
  });

  it('sends the script whole only when Redis does not hold it yet', async () => {
    let known = false;
    const { jobs, added, counted } = jobQueue(async () => {
      if (known) return 9;
      known = true;
      throw new Error('NOSCRIPT No matching script. Please use EVAL.');
    });
    await jobs.enqueue(preview('https://example.com/a'));
    await jobs.enqueue(preview('https://example.com/b'));
    assert.deepEqual(counted, ['bull:q:lane:example.com', 'sent whole: bull:q:lane:example.com', 'bull:q:lane:example.com']);
    assert.deepEqual(
      added.map((options) => options.priority),
      [9, 9],
    );
  });

  it('does not let a count that never answers hold the enqueue past a quarter of its deadline', async () => {
    const { jobs, added } = jobQueue(() => new Promise(() => undefined));
    const started = performance.now();
    await jobs.enqueue(preview('https://example.com/'), 400);
    assert.ok(performance.now() - started < 350, `took ${Math.round(performance.now() - started)} ms`);
    assert.equal(added[0].priority, 1);
  });

  it('leaves jobs of unranked queues in queue order, uncounted', async () => {
    const { jobs, added, counted } = jobQueue(async () => 7);
    await jobs.enqueue({ name: WebhookJobName.Deliver, data: { callbackId: 'c' } });
    assert.deepEqual(counted, []);
    assert.equal(added[0].priority, undefined);
  });
});
