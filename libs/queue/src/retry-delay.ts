/** The backoff strategy registered with Bull: the delay JobQueue.consume computed for this attempt. */
export const RETRY_BACKOFF = 'unfurl-retry';

const DEFERRAL_FIRST_MS = 250;
const DEFERRAL_MAX_MS = 10_000;

/**
 * Carries the delay of the retry to Bull's backoff strategy: a deferral's, or a real failure's
 * (-1: no retry, the job fails for good). Its message is the cause's, which Bull records.
 */
export class RetryAfter extends Error {
  constructor(
    readonly delayMs: number,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = cause instanceof Error ? cause.name : 'Error';
    if (cause instanceof Error) this.stack = cause.stack;
  }
}

/** 250 ms doubling to 10 s with the job's deferrals, jittered over its upper half so deferred jobs do not come back in step. */
export function deferralDelay(deferrals: number, random = Math.random): number {
  const ceiling = Math.min(DEFERRAL_MAX_MS, DEFERRAL_FIRST_MS * 2 ** Math.min(deferrals, 16));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Bull's own exponential backoff, counted in real failures only: base, 3 x base, 7 x base, … */
export function failureDelay(failures: number, baseMs: number): number {
  return (2 ** failures - 1) * baseMs;
}

/** Bull calls this with the error the job's promise rejected with. */
export function retryBackoff(_attemptsMade: number, error: unknown): number {
  return error instanceof RetryAfter ? error.delayMs : -1;
}
