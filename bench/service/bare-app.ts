// The floor for cached reads: a bare Fastify route doing the API's cached read (same normalisation,
// same id, an equivalent SELECT through pg with the same pool size), with no Nest, no validation
// pipe, no guards, no logging. API req/s divided by this is what the framework costs.
import { readPreview, toBody } from './cached-read';
import { runPlainApp } from './plain-app';

runPlainApp('bare app', async (pool, request, reply) => {
  const { row } = await readPreview(pool, request.query.url ?? '');
  if (!row) return reply.status(404).send({ status: 404 });
  return toBody(row);
});
