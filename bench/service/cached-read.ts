import { normalizeUrl, previewId } from '@unfurl/contracts';
import type { Pool } from 'pg';

/** The columns of a preview, as the API's TypeORM read fetches them. */
const SELECT = `SELECT id, url, status, data, error_code, error_message, fetched_at, expires_at, requested_at, refresh_requested_at, created_at, updated_at
  FROM previews WHERE id = $1 LIMIT 1`;

export interface Row {
  id: string;
  url: string;
  status: string;
  data: unknown;
  error_code: string | null;
  error_message: string | null;
  fetched_at: Date | null;
  expires_at: Date | null;
}

/** What a cached read does without the framework: normalise, derive the id, one indexed SELECT. */
export async function readPreview(pool: Pool, rawUrl: string): Promise<{ id: string; url: string; row: Row | undefined }> {
  const url = normalizeUrl(rawUrl, 2048);
  const id = previewId(url);
  const { rows } = await pool.query<Row>(SELECT, [id]);
  return { id, url, row: rows[0] };
}

export const toBody = (row: Row) => ({
  id: row.id,
  url: row.url,
  status: row.status,
  data: row.data,
  error: row.error_code ? { code: row.error_code, message: row.error_message } : null,
  fetchedAt: row.fetched_at,
  expiresAt: row.expires_at,
});
