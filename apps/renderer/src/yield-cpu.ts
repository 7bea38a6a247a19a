import { Logger } from '@nestjs/common';
import { getPriority, setPriority } from 'node:os';

/** How much lower the renderer's priority is than the process that started it (Linux nice). */
export const RENDERER_NICENESS = 10;
const LOWEST_PRIORITY = 19;

/**
 * Lowers the priority of the renderer's main thread and so of every process it starts afterwards:
 * Chromium and all its processes inherit it. Rendering is CPU-bound background work that must yield
 * to the request paths it shares a machine with (`npm start`, one compose host), as the worker's
 * extraction threads do; on a node of its own it runs at full speed. Raising a nice value needs no
 * privilege; where the system refuses anyway, the renderer runs at its own priority and says so.
 */
export function yieldCpu(): void {
  const logger = new Logger('Renderer');
  try {
    setPriority(Math.min(LOWEST_PRIORITY, getPriority() + RENDERER_NICENESS));
  } catch (error) {
    logger.warn(`priority not lowered, rendering competes with the request paths on this machine: ${error instanceof Error ? error.message : String(error)}`);
  }
}
