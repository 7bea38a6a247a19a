import { Inject, Injectable, Optional, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService, type Environment } from '@unfurl/config';
import { PreviewErrorCode } from '@unfurl/contracts';
import { extractWorkerFile, type ExtractOutcome, type ExtractResult, type ExtractTask } from '@unfurl/extractor';
import Piscina from 'piscina';
import { Semaphore } from '../semaphore';

export class ExtractionError extends Error {
  constructor(
    readonly code: PreviewErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Replaces the extraction task file; only tests provide it (a task that never ends, for the time limit). */
export const EXTRACTION_TASK_FILE = Symbol('EXTRACTION_TASK_FILE');

const EXTRACT_THREAD_NICENESS = 10;

/**
 * HTML parsing is CPU work, so it runs here, on worker threads, never on the main thread that
 * renews Bull's job locks. Tasks are handed to the pool only when a thread is free, so the time
 * limit counts running time, not time spent queued; a task past it has its thread terminated.
 */
@Injectable()
export class ExtractionPool implements OnApplicationShutdown {
  private readonly pool: Piscina<ExtractTask, ExtractOutcome>;
  private readonly slots: Semaphore;
  private readonly timeoutMs: number;

  constructor(config: ConfigService<Environment, true>, @Optional() @Inject(EXTRACTION_TASK_FILE) taskFile?: string) {
    const threads = config.get('EXTRACT_THREADS', { infer: true });
    this.timeoutMs = config.get('EXTRACT_TIMEOUT_MS', { infer: true });
    this.slots = new Semaphore(threads);
    this.pool = new Piscina({
      filename: taskFile ?? extractWorkerFile,
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: 60_000,
      resourceLimits: { maxOldGenerationSizeMb: 256 },
      // Parsing yields the CPU to the main thread (lock renewal, I/O) and to an API on the same
      // machine; on idle cores it still runs at full speed. Linux nice values are per thread.
      niceIncrement: EXTRACT_THREAD_NICENESS,
    });
  }

  /**
   * `signal` (the job's deadline) aborts the task, or its wait for a thread, as EXTRACTION_TIMEOUT.
   * A body that owns its whole memory is moved to the thread, not copied: the caller must not read it
   * afterwards.
   */
  async extract(task: ExtractTask, signal?: AbortSignal): Promise<ExtractResult> {
    try {
      await this.slots.acquire(signal);
    } catch {
      throw new ExtractionError(PreviewErrorCode.ExtractionTimeout, 'the job ran out of time waiting for an extraction thread');
    }
    let outcome: ExtractOutcome;
    try {
      const limit = AbortSignal.timeout(this.timeoutMs);
      const body = movable(task.body);
      outcome = await this.pool.run({ ...task, body }, { signal: signal ? AbortSignal.any([limit, signal]) : limit, transferList: [body.buffer as ArrayBuffer] });
    } catch (error) {
      if (error instanceof Error && error.name === 'AbortError') {
        const why = signal?.aborted ? 'the job ran out of time during extraction' : `extraction took longer than ${this.timeoutMs} ms`;
        throw new ExtractionError(PreviewErrorCode.ExtractionTimeout, why);
      }
      throw new ExtractionError(PreviewErrorCode.ExtractionFailed, error instanceof Error ? error.message : String(error));
    } finally {
      this.slots.release();
    }
    if (!outcome.ok) throw new ExtractionError(outcome.code, outcome.message);
    return outcome.result;
  }

  get stats() {
    return { threads: this.pool.threads.length, queued: this.slots.waiting, utilization: this.pool.utilization };
  }

  /** After the processor's beforeApplicationShutdown has let the jobs in flight finish. */
  async onApplicationShutdown(): Promise<void> {
    await this.pool.close();
  }
}

/** `bytes` itself when it spans its whole ArrayBuffer; else a copy (small Buffers share Node's pool, which must not be moved). */
function movable(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
}
