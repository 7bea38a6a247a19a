// What Unfurl's design prevents, for the isolation comparison only (never part of the product): a
// preview service that fetches and parses inside the request handler, on the one event loop that
// also answers cached reads. A parse of a big page delays every request queued behind it.
import { extractPage } from '@unfurl/extractor';
import { readPreview, toBody } from './cached-read';
import { runPlainApp } from './plain-app';

const UPSERT = `INSERT INTO previews (id, url, status, data, fetched_at, expires_at, requested_at)
  VALUES ($1, $2, 'ready', $3, now(), now() + interval '1 day', now())
  ON CONFLICT (id) DO UPDATE SET status = 'ready', data = EXCLUDED.data, fetched_at = now(), expires_at = EXCLUDED.expires_at
  RETURNING id, url, status, data, error_code, error_message, fetched_at, expires_at`;

runPlainApp('naive app', async (pool, request) => {
  const { id, url, row } = await readPreview(pool, request.query.url ?? '');
  if (row) return toBody(row);
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  const body = new Uint8Array(await response.arrayBuffer());
  const { metadata } = extractPage({ body, url: response.url, contentType: response.headers.get('content-type') });
  const { rows } = await pool.query(UPSERT, [id, url, JSON.stringify(metadata)]);
  return toBody(rows[0]);
});
