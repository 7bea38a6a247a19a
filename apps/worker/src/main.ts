import 'reflect-metadata';
import { createWorkerApp } from './create-worker-app';

createWorkerApp().catch((error: unknown) => {
  process.stderr.write(`unfurl worker: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
