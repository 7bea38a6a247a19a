import { setTimeout as sleep } from 'node:timers/promises';

/** Polls `probe` every 100 ms until it gives a value (errors count as none); fails after `tries` as a hang. */
export async function until<T>(probe: () => Promise<T | undefined>, what: string, tries = 600): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}
