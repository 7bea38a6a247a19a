// What Unfurl's design prevents, for the isolation comparison only (never part of the product): a
// preview service that fetches and parses inside the request handler, on the one event loop that
// also answers cached reads. A parse of a big page delays every request queued behind it.
import { extractPage } from '@unfurl/extractor';
import Fastify from 'fastify';
import { Pool } from 'pg';
import { readPreview, toBody } from './cached-read';

const UPSERT = `INSERT INTO previews (id, url, status, data, fetched_at, expires_at, requested_at)
  VALUES ($1, $2, 'ready', $3, now(), now() + interval '1 day', now())
  ON CONFLICT (id) DO UPDATE SET status = 'ready', data = EXCLUDED.data, fetched_at = now(), expires_at = EXCLUDED.expires_at
  RETURNING id, url, status, data, error_code, error_message, fetched_at, expires_at`;

async function main(): Promise<void> {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  const app = Fastify({ logger: false });
  // oxlint-disable-next-line no-async-endpoint-handlers -- Fastify, not Express: it awaits async handlers.
  app.get<{ Querystring: { url?: string } }>('/v1/previews', async (request) => {
    const { id, url, row } = await readPreview(pool, request.query.url ?? '');
    if (row) return toBody(row);
    const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    const body = new Uint8Array(await response.arrayBuffer());
    const { metadata } = extractPage({ body, url: response.url, contentType: response.headers.get('content-type') });
    const { rows } = await pool.query(UPSERT, [id, url, JSON.stringify(metadata)]);
    return toBody(rows[0]);
  });
  app.get('/health/live', async () => ({ status: 'ok' }));
  await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
  process.on('SIGTERM', () => void app.close().then(() => pool.end()).then(() => process.exit(0)));
}

main().catch((error: unknown) => {
  process.stderr.write(`bench naive app: ${String(error)}\n`);
  process.exit(1);
});
