import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { ConfigService, type Environment } from '@unfurl/config';
import { Logger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { AppModule } from './app.module';
import { installHotReads } from './hot-cache/hot-reads.hook';
import { installLoadShedding } from './load-shedding/load-shedding.hook';
import { installHttpMetrics } from './metrics/http-metrics.hook';
import { installClosingAnswer } from './http/closing.hook';
import { clientError, frameworkError } from './http/fastify-errors';
import { installJsonBodyParser } from './http/json-body';
import { buildOpenApiDocument } from './openapi';
import { ProblemFilter } from './problems/problem.filter';

/** A caller's X-Request-Id is kept (so a trace spans services), else a new one is made. */
function requestId(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  const id = typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
  // pino-http reads the raw request's id, so its log lines and Fastify's carry the same one.
  (request as IncomingMessage & { id?: string }).id = id;
  return id;
}

/**
 * Whom to believe about the client's address (X-Forwarded-For), which per-IP rate limits key on:
 * nobody by default; `true` (any), or the proxies' comma-separated addresses/CIDRs.
 * Read before the app (and its validated config) exists, because Fastify takes it at construction.
 */
function trustProxy(value = process.env.TRUST_PROXY ?? ''): boolean | string {
  if (value === '' || value === 'false') return false;
  return value === 'true' ? true : value;
}

/** The API as both main.ts and the tests run it: Fastify, validation, problem+json, OpenAPI. */
export async function createApiApp(options: { preview?: boolean } = {}): Promise<NestFastifyApplication> {
  // return503OnClosing: false, because installClosingAnswer answers those requests as problems.
  const adapter = new FastifyAdapter({ genReqId: requestId, trustProxy: trustProxy(), bodyLimit: 64 * 1024, frameworkErrors: frameworkError, clientErrorHandler: clientError, return503OnClosing: false });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, { bufferLogs: true, preview: options.preview, bodyParser: false });
  if (options.preview) return app;
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  const config = app.get<ConfigService<Environment, true>>(ConfigService);
  installJsonBodyParser(app.getHttpAdapter().getInstance());
  installClosingAnswer(app.getHttpAdapter().getInstance(), config.get('RETRY_AFTER_SECONDS', { infer: true }));
  installLoadShedding(app);
  installHttpMetrics(app);
  installHotReads(app);
  app.useGlobalFilters(new ProblemFilter(config.get('RETRY_AFTER_SECONDS', { infer: true })));
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  const corsOrigins = config.get('CORS_ORIGINS', { infer: true }).split(',').map((origin) => origin.trim()).filter(Boolean);
  // Frontends read Location, Retry-After, ETag and the cache headers from answers, so they are exposed too.
  if (corsOrigins.length > 0) app.enableCors({ origin: corsOrigins.includes('*') ? '*' : corsOrigins, exposedHeaders: ['Location', 'Retry-After', 'ETag', 'Age', 'Unfurl-Cache', 'Unfurl-Force'], maxAge: 600 });
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'openapi.json' });
  return app;
}
