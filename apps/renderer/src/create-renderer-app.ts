import type { INestApplicationContext } from '@nestjs/common';
import { createProcessorApp } from '@unfurl/config';
import { RendererModule } from './renderer.module';

export function createRendererApp(): Promise<INestApplicationContext> {
  return createProcessorApp(RendererModule);
}
