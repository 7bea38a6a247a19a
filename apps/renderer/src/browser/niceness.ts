import { getPriority, setPriority } from 'node:os';

/**
 * Adds `increment` to the nice value of the calling thread (on Linux, nice values are per thread),
 * up to 19. Called before Chromium starts: every process the browser starts inherits it, so on a
 * machine it shares with the API and the worker, rendering takes the CPU they leave. Best effort:
 * where the system refuses, the priority stays as it was.
 */
export function lowerPriority(increment: number): void {
  if (increment <= 0) return;
  try {
    setPriority(Math.min(19, getPriority() + increment));
  } catch {
    // Not permitted here (a restricted container): rendering runs at the usual priority.
  }
}
