import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Unfurl')
    .setDescription('Self-hosted link previews: send a URL, get a preview card. Errors are RFC 9457 application/problem+json.')
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key from `unfurl keys create`.' })
    .build();
  // Stable, readable operation ids (getPreview, createPreview, ...): generated clients use them as names.
  return SwaggerModule.createDocument(app, config, { operationIdFactory: (_controller, method) => method });
}
