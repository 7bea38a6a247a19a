/**
 * Thrown by a job handler that cannot run its job now (its host has no free slot): the job goes back
 * to the queue, delayed, without using one of its attempts, and no `failed` end is reported for it.
 */
export class JobDeferredError extends Error {
  constructor(reason: string) {
    super(`deferred: ${reason}`);
    this.name = 'JobDeferredError';
  }
}
