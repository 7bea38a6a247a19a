import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { PeriodicTask } from './periodic-task';

describe('PeriodicTask', () => {
  it('never runs the task twice at once, and stop() waits for the run in flight', { timeout: 10_000 }, async () => {
    let inFlight = 0;
    let most = 0;
    let runs = 0;
    let finished = 0;
    const task = new PeriodicTask(async () => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      runs += 1;
      await sleep(35);
      inFlight -= 1;
      finished += 1;
    }, (error) => assert.fail(String(error)));
    task.start(5);
    // Ticks every 5 ms while each run takes 35: several ticks find a run in flight. Waiting on the
    // count, not on a fixed time, keeps a loaded machine from failing this.
    while (runs < 3) await sleep(5);
    await task.stop();
    assert.equal(most, 1);
    assert.equal(finished, runs, 'stop() returned before the last run ended');
    await sleep(30);
    assert.equal(runs, finished, 'ran again after stop()');
  });

  it('hands a failed run to onError and keeps running', { timeout: 10_000 }, async () => {
    const errors: unknown[] = [];
    let runs = 0;
    const task = new PeriodicTask(async () => {
      runs += 1;
      throw new Error(`run ${runs}`);
    }, (error) => errors.push(error));
    task.start(5);
    while (runs < 2) await sleep(5);
    await task.stop();
    assert.equal(errors.length, runs);
  });
});
