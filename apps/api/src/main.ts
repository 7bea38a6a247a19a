import 'reflect-metadata';
import { ConfigService, type Environment } from '@unfurl/config';
import { writeFile } from 'node:fs/promises';
import { createApiApp } from './create-api-app';
import { buildOpenApiDocument } from './openapi';

/** `node dist/apps/api/main.js openapi <file>` writes the OpenAPI document without serving. */
async function writeOpenApi(file: string): Promise<void> {
  const app = await createApiApp({ preview: true });
  await writeFile(file, `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`);
  await app.close();
}

async function serve(): Promise<void> {
  const app = await createApiApp();
  const config = app.get<ConfigService<Environment, true>>(ConfigService);
  await app.listen(config.get('PORT', { infer: true }), config.get('HOST', { infer: true }));
}

const [command, file] = process.argv.slice(2);
(command === 'openapi' ? writeOpenApi(file ?? 'openapi.json') : serve()).catch((error: unknown) => {
  process.stderr.write(`unfurl api: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
