// The floor for cached reads: a bare Fastify route doing the API's cached read (same normalisation,
// same id, an equivalent SELECT through pg with the same pool size), with no Nest, no validation
// pipe, no guards, no logging. API req/s divided by this is what the framework costs.
import Fastify from 'fastify';
import { Pool } from 'pg';
import { readPreview, toBody } from './cached-read';

async function main(): Promise<void> {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  const app = Fastify({ logger: false });
  app.get<{ Querystring: { url?: string } }>('/v1/previews', async (request, reply) => {
    const { row } = await readPreview(pool, request.query.url ?? '');
    if (!row) return reply.status(404).send({ status: 404 });
    return toBody(row);
  });
  app.get('/health/live', async () => ({ status: 'ok' }));
  await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
  process.on('SIGTERM', () => void app.close().then(() => pool.end()).then(() => process.exit(0)));
}

main().catch((error: unknown) => {
  process.stderr.write(`bench bare app: ${String(error)}\n`);
  process.exit(1);
});
