import type { Pool } from 'pg';

const TIMEOUT_MS = 300_000;

/**
 * Waits until no preview under `urlPrefix` is pending in `db`'s `previews` and at least `count` are
 * settled; answers their number by status. Each poll reads only the pending rows, through a partial
 * index (Unfurl's and the peer's schema both have one): a scan of the whole table ten times a second
 * cost PostgreSQL about as much CPU as the previews being measured, and was counted against them.
 */
export async function drained(db: Pool, urlPrefix: string, count: number, started = performance.now()): Promise<Record<string, number>> {
  const like = `${urlPrefix}%`;
  for (;;) {
    const { rows: pending } = await db.query<{ n: string }>("SELECT count(*) AS n FROM previews WHERE status = 'pending' AND url LIKE $1", [like]);
    if (Number(pending[0].n) === 0) {
      const { rows } = await db.query<{ status: string; n: string }>('SELECT status, count(*) AS n FROM previews WHERE url LIKE $1 GROUP BY status', [like]);
      const by: Record<string, number> = Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
      if (!by.pending && (by.ready ?? 0) + (by.failed ?? 0) >= count) return by;
    }
    if (performance.now() - started > TIMEOUT_MS) throw new Error(`previews under ${urlPrefix} did not settle in ${TIMEOUT_MS / 60_000} minutes`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
