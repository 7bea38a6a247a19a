import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { previewIdOfJob, QueueName } from '@unfurl/contracts';
import { JobQueue } from '@unfurl/queue';

/**
 * Wakes requests that wait for a preview when its job ends. One subscription to the queue's global
 * job-end events per API process, fanned out by the preview id of the job: no polling.
 */
@Injectable()
export class PreviewWaiter implements OnModuleInit, OnModuleDestroy {
  private readonly waiters = new Map<string, Set<(byEvent: boolean) => void>>();
  private stopListening?: () => void;

  constructor(private readonly jobs: JobQueue) {}

  onModuleInit(): void {
    this.stopListening = this.jobs.onJobEnd(QueueName.Previews, 'global', ({ jobId }) => this.wake(previewIdOfJob(jobId)));
  }

  onModuleDestroy(): void {
    this.stopListening?.();
    for (const id of this.waiters.keys()) this.wake(id);
  }

  /**
   * Resolves when the job of `id` ends (true) or after `ms` or on cancel (false), whichever is
   * first. Register before re-reading the row, so an end between the read and the registration is
   * not missed.
   */
  waitFor(id: string, ms: number): { ended: Promise<boolean>; cancel: () => void } {
    let wake!: (byEvent: boolean) => void;
    const ended = new Promise<boolean>((resolve) => (wake = resolve));
    const timer = setTimeout(() => cancel(), ms);
    const set = this.waiters.get(id) ?? new Set();
    this.waiters.set(id, set);
    const waiter = (byEvent: boolean) => {
      clearTimeout(timer);
      wake(byEvent);
    };
    set.add(waiter);
    const cancel = () => {
      set.delete(waiter);
      if (set.size === 0 && this.waiters.get(id) === set) this.waiters.delete(id);
      waiter(false);
    };
    return { ended, cancel };
  }

  private wake(id: string): void {
    const set = this.waiters.get(id);
    if (!set) return;
    this.waiters.delete(id);
    for (const waiter of set) waiter(true);
  }
}
