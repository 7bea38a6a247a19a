import { availableParallelism } from 'node:os';
import Piscina from 'piscina';

/**
 * The ceiling for cold unfurls: the worker's own extraction task file on a pool of one thread per
 * core, fed page bodies with no fetching, queueing or storage, for `durationS`. Pages per second.
 */
export async function extractorCeiling(taskFile: string, pages: Buffer[], durationS: number): Promise<number> {
  const threads = availableParallelism();
  const pool = new Piscina({ filename: taskFile, minThreads: threads, maxThreads: threads });
  const until = performance.now() + durationS * 1000;
  let done = 0;
  let next = 0;
  const lane = async () => {
    while (performance.now() < until) {
      const body = new Uint8Array(pages[next++ % pages.length]);
      await pool.run({ body, url: `https://example.com/page/${next}`, contentType: 'text/html; charset=utf-8' }, { transferList: [body.buffer] });
      done += 1;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: threads * 2 }, lane));
  const elapsedS = (performance.now() - started) / 1000;
  await pool.close();
  return done / elapsedS;
}
