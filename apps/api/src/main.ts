import 'reflect-metadata';
import { ConfigService, loadSiteRules, validateEnvironment, type Environment } from '@unfurl/config';
import cluster from 'node:cluster';
import { writeFile } from 'node:fs/promises';
import { createApiApp } from './create-api-app';
import { apiProcessCount, runClusterPrimary } from './cluster/cluster-primary';
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

/**
 * API_PROCESSES > 1: this process becomes the cluster primary and the forked ones serve. The first
 * process checks the configuration (the SITE_RULES file included) before anything starts, so a bad
 * one stops it with one line rather than a stack trace or a loop of restarted processes.
 */
async function start(): Promise<void> {
  const environment = cluster.isPrimary ? validateEnvironment(process.env) : undefined;
  if (environment) await loadSiteRules(environment.SITE_RULES);
  const processes = environment ? apiProcessCount(environment.API_PROCESSES) : 1;
  if (processes > 1) runClusterPrimary(processes);
  else await serve();
}

const [command, file] = process.argv.slice(2);
(command === 'openapi' ? writeOpenApi(file ?? 'openapi.json') : start()).catch((error: unknown) => {
  process.stderr.write(`unfurl api: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
