import 'reflect-metadata';
import { createRendererApp } from './create-renderer-app';

createRendererApp().catch((error: unknown) => {
  process.stderr.write(`unfurl renderer: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
