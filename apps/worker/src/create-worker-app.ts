import type { INestApplicationContext } from '@nestjs/common';
import { createProcessorApp } from '@unfurl/config';
import { WorkerModule } from './worker.module';

export function createWorkerApp(): Promise<INestApplicationContext> {
  return createProcessorApp(WorkerModule);
}
