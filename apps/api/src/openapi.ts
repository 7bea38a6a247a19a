import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { BEARER_SCHEME } from './auth/api-key-docs.decorator';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Unfurl')
    .setDescription('Self-hosted link previews: send a URL, get a preview card. Errors are RFC 9457 application/problem+json.')
    .setVersion('1')
    .setLicense('MIT', 'https://opensource.org/license/mit')
    .addServer('/', 'The Unfurl that serves this document (relative: a generated client takes its base URL from its caller)')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key from `unfurl keys create`. Optional unless the server sets AUTH_REQUIRED (or runs in production); admin routes always need an admin key.' }, BEARER_SCHEME)
    .build();
  // Stable, readable operation ids (getPreview, createPreview, ...): generated clients use them as names.
  return SwaggerModule.createDocument(app, config, { operationIdFactory: (_controller, method) => method });
}
