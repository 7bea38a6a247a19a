import type { UnfurlJobResult } from '@unfurl/contracts';
import type { Settled } from '@unfurl/database';

/** A job's result once it has written its row: with what the write said, for the processor and the webhook dispatcher. */
export function settledResult(id: string, status: 'ready' | 'failed', { hasCallbacks, wasSettled }: Settled): UnfurlJobResult {
  return { id, status, callbacks: hasCallbacks, announce: wasSettled };
}
