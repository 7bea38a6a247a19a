import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { RendererModule } from './renderer.module';

/** Like the worker, an application context with no HTTP API besides its health listener. */
export async function createRendererApp(): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(RendererModule, { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.init();
  return app;
}
