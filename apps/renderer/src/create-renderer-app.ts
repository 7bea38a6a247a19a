import type { INestApplicationContext } from '@nestjs/common';
import { createProcessorApp } from '@unfurl/config';
import { RendererModule } from './renderer.module';
import { yieldCpu } from './yield-cpu';

export function createRendererApp(): Promise<INestApplicationContext> {
  // Before Chromium is started, so that it inherits the lower priority.
  yieldCpu();
  return createProcessorApp(RendererModule);
}
