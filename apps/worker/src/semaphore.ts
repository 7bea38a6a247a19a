/** Counts free slots; `acquire` waits for one, in arrival order, or until `signal` aborts. */
export class Semaphore {
  private readonly queue: Array<() => void> = [];

  constructor(private free: number) {}

  async acquire(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    if (this.free > 0) {
      this.free -= 1;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const take = () => {
        signal?.removeEventListener('abort', leave);
        resolve();
      };
      const leave = () => {
        this.queue.splice(this.queue.indexOf(take), 1);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', leave, { once: true });
      this.queue.push(take);
    });
  }

  release(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.free += 1;
  }

  get waiting(): number {
    return this.queue.length;
  }
}
