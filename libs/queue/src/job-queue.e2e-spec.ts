import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { Test, type TestingModule } from '@nestjs/testing';
import { UnfurlConfigModule } from '@unfurl/config';
import { PreviewJobName, QueueName, WebhookJobName } from '@unfurl/contracts';
import { JobDeferredError } from './job-deferred.error';
import { JobQueue, type JobEnd } from './job-queue';
import { QueueModule } from './queue.module';

const completed = (list: Array<JobEnd<QueueName.Previews>>, id: string) => list.some((end) => end.jobId === id && end.outcome === 'completed');

async function until(what: string, done: () => boolean, ms = 15_000): Promise<void> {
  const deadline = performance.now() + ms;
  while (!done()) {
    if (performance.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** The queue module on the real Redis `npm test` started, under a queue prefix of its own. */
async function queueModule(): Promise<TestingModule> {
  const redisUrl = process.env.TEST_REDIS_URL;
  if (!redisUrl) throw new Error('TEST_REDIS_URL is not set: run the e2e specs through `npm test`');
  Object.assign(process.env, { REDIS_URL: redisUrl, QUEUE_PREFIX: `test-${randomBytes(4).toString('hex')}`, DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://unused/unfurl' });
  const module = await Test.createTestingModule({ imports: [UnfurlConfigModule, QueueModule] }).compile();
  await module.init();
  return module;
}

/** A queue module of its own for one describe block (one consumer per job name and queue): started before its specs, closed after. */
function suiteQueue(): () => JobQueue {
  let module: TestingModule | undefined;
  before(async () => {
    module = await queueModule();
  });
  after(async () => {
    await module?.close();
  });
  return () => module!.get(JobQueue);
}

/** The surface every app uses, against the real Redis `npm test` started: what a move off Bull must keep. */
describe('JobQueue', () => {
  let module: TestingModule;
  let jobs: JobQueue;
  const url = 'https://example.com/';

  before(async () => {
    module = await queueModule();
    jobs = module.get(JobQueue);
  });

  after(async () => {
    await module?.close();
  });

  it('queues a job once per id, on the queue of its name, and says whether Redis holds it', async () => {
    await jobs.ping();
    await jobs.enqueue({ name: PreviewJobName.Unfurl, data: { id: 'held', url } });
    await jobs.enqueue({ name: PreviewJobName.Unfurl, data: { id: 'held', url } });
    await jobs.enqueue({ name: WebhookJobName.Deliver, data: { callbackId: 'callback-1' } });
    assert.equal(await jobs.hasJob(QueueName.Previews, 'held'), true);
    assert.equal(await jobs.hasJob(QueueName.Previews, 'never-queued'), false);
    assert.equal(await jobs.hasJob(QueueName.Webhooks, 'callback-1'), true);
    assert.equal((await jobs.counts(QueueName.Previews)).waiting, 1);
    assert.equal((await jobs.counts(QueueName.Webhooks)).waiting, 1);
  });

  it('runs consumed jobs with their attempt, retries a throw, and tells listeners here and everywhere how each attempt ended', async () => {
    const local: Array<JobEnd<QueueName.Previews>> = [];
    const global: Array<JobEnd<QueueName.Previews>> = [];
    const stopLocal = jobs.onJobEnd(QueueName.Previews, 'local', (end) => local.push(end));
    const stopGlobal = jobs.onJobEnd(QueueName.Previews, 'global', (end) => global.push(end));
    const runs: string[] = [];
    let shyRuns = 0;
    let slowAbortedAfterMs = -1;
    jobs.consume(
      PreviewJobName.Unfurl,
      4,
      async (job) => {
        runs.push(`${job.id}#${job.attempt}${job.isLastAttempt ? ' last' : ''}`);
        if (job.id === 'flaky' && job.attempt === 1) throw new Error('first attempt fails');
        // Set aside twice (no attempt used), then one real failure, then done.
        if (job.id === 'shy' && ++shyRuns <= 2) throw new JobDeferredError('host busy');
        if (job.id === 'shy' && job.attempt === 1) throw new Error('a real failure');
        if (job.id === 'slow') {
          const started = performance.now();
          await new Promise((resolve) => job.signal.addEventListener('abort', resolve));
          slowAbortedAfterMs = performance.now() - started;
        }
        return { id: job.data.id, status: 'ready' };
      },
      1_000,
    );
    await jobs.enqueue({ name: PreviewJobName.Unfurl, data: { id: 'flaky', url } });
    await jobs.enqueue({ name: PreviewJobName.Unfurl, data: { id: 'shy', url } });
    await jobs.enqueue({ name: PreviewJobName.Unfurl, data: { id: 'slow', url } });

    await until('the jobs to complete, heard here and globally', () => ['held', 'flaky', 'shy', 'slow'].every((id) => completed(local, id) && completed(global, id)));
    stopLocal();
    stopGlobal();

    assert.deepEqual(runs.toSorted(), ['flaky#1', 'flaky#2', 'held#1', 'shy#1', 'shy#1', 'shy#1', 'shy#2', 'slow#1']);
    assert.deepEqual(local.filter((end) => end.jobId === 'shy').map((end) => end.outcome), ['deferred', 'deferred', 'failed', 'completed']);
    assert.deepEqual(global.filter((end) => end.jobId === 'shy').map((end) => end.outcome), ['completed'], 'deferrals are not ends');
    assert.ok(slowAbortedAfterMs >= 900 && slowAbortedAfterMs < 5_000, `the signal fired at the deadline (${slowAbortedAfterMs} ms)`);
    assert.equal(jobs.inFlight(QueueName.Previews), 0);
    const flaky = local.filter((end) => end.jobId === 'flaky');
    assert.deepEqual(flaky.map((end) => end.outcome), ['failed', 'completed']);
    assert.deepEqual(flaky[1].result, { id: 'flaky', status: 'ready' });
    assert.ok(flaky.every((end) => typeof end.durationMs === 'number' && end.durationMs >= 0));
    // A retried attempt is not an end: only this process, which ran it, hears about it.
    assert.deepEqual(global.filter((end) => end.jobId === 'flaky').map((end) => end.outcome), ['completed']);
    // Jobs are removed when they end, so the same id can be queued again.
    assert.equal(await jobs.hasJob(QueueName.Previews, 'flaky'), false);
    const counts = await jobs.counts(QueueName.Previews);
    assert.deepEqual([counts.waiting, counts.active, counts.delayed, counts.failed], [0, 0, 0, 0]);
  });

  it('stops listening when asked', async () => {
    const stopped: string[] = [];
    const listening: string[] = [];
    const stop = jobs.onJobEnd(QueueName.Previews, 'local', (end) => stopped.push(end.jobId));
    const stopOther = jobs.onJobEnd(QueueName.Previews, 'local', (end) => listening.push(end.jobId));
    stop();
    await jobs.enqueue({ name: PreviewJobName.Unfurl, data: { id: 'after-stop', url } });
    await until('the job to end', () => listening.includes('after-stop'));
    stopOther();
    assert.deepEqual(stopped, []);
  });
});

/** Fair ordering against Bull's real scripts: jobs are queued before anything consumes them, then taken one at a time. */
describe('JobQueue fair ordering', () => {
  const jobs = suiteQueue();

  it("takes a quiet site's first job before the rest of an earlier flood, and a deferred job comes back to its place, not to the back", async () => {
    const flood = 40;
    for (let i = 0; i < flood; i++) await jobs().enqueue({ name: PreviewJobName.Unfurl, data: { id: `flood-${i}`, url: `https://www.flood.example/${i}` } });
    // Another subdomain of the flooding site: the same lane, so it queues behind the flood.
    await jobs().enqueue({ name: PreviewJobName.Unfurl, data: { id: 'flood-sub', url: 'https://cdn.flood.example/x' } });
    await jobs().enqueue({ name: PreviewJobName.Unfurl, data: { id: 'quiet', url: 'https://quiet.example/' } });

    const runs: string[] = [];
    let deferred = false;
    jobs().consume(PreviewJobName.Unfurl, 1, async (job) => {
      runs.push(job.id);
      if (job.id === 'flood-1' && !deferred) {
        deferred = true;
        throw new JobDeferredError('host busy');
      }
      // Slow enough that the deferred job (back after 125-250 ms) returns while most of the flood still waits.
      await sleep(25);
      return { id: job.data.id, status: 'ready' };
    });
    await until('every job to run', () => runs.length === flood + 3, 30_000);

    // The flood's tags run 40 ticks (4 s) ahead of the clock; the quiet site's job is tagged with the tick it
    // arrived in, a few ticks after the flood's first (however slowly this machine queued the flood).
    const quiet = runs.indexOf('quiet');
    assert.ok(quiet >= 1 && quiet <= 5, `the quiet site's job ran at ${quiet}: ${runs.join(' ')}`);
    assert.deepEqual(runs.filter((id) => id.startsWith('flood-') && id !== 'flood-sub').slice(0, 3), ['flood-0', 'flood-1', 'flood-2'], 'a lane keeps its order');
    assert.equal(runs.at(-1), 'flood-sub', 'the subdomain is in the same lane, after the flood');
    const again = runs.lastIndexOf('flood-1');
    assert.ok(again > 2 && again < runs.indexOf(`flood-${flood - 10}`), `the deferred job ran again at ${again}, ahead of the later flood: ${runs.join(' ')}`);
  });
});

/** The clock's side of fair ordering, on a queue of its own (one consumer per job name and queue). */
describe('JobQueue fair ordering over time', () => {
  const jobs = suiteQueue();

  it('takes what is left of a flood before later arrivals once the clock has passed its tags: no lane waits for ever', async () => {
    for (let i = 0; i < 5; i++) await jobs().enqueue({ name: PreviewJobName.Unfurl, data: { id: `burst-${i}`, url: `https://burst.example/${i}` } });
    // The burst's tags reach 4 ticks (400 ms) ahead; a job that arrives after they have passed queues behind them.
    await sleep(600);
    await jobs().enqueue({ name: PreviewJobName.Unfurl, data: { id: 'later', url: 'https://later.example/' } });
    await jobs().enqueue({ name: PreviewJobName.Unfurl, data: { id: 'burst-5', url: 'https://burst.example/5' } });
    const runs: string[] = [];
    jobs().consume(PreviewJobName.Unfurl, 1, async (job) => {
      runs.push(job.id);
      return { id: job.data.id, status: 'ready' };
    });
    await until('every job to run', () => runs.length === 7);
    assert.deepEqual(runs, ['burst-0', 'burst-1', 'burst-2', 'burst-3', 'burst-4', 'later', 'burst-5']);
  });
});
