"""Creates the peer's table. The bench runs it once, before the API and the worker start, so that
no two processes race to create it."""
import psycopg2

from settings import DATABASE_URL

DDL = """
CREATE TABLE IF NOT EXISTS previews (
  id text PRIMARY KEY,
  url text NOT NULL,
  status text NOT NULL,
  data jsonb,
  error_code text,
  error_message text,
  fetched_at timestamptz,
  expires_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- As Unfurl's: the bench polls the pending rows until none is left.
CREATE INDEX IF NOT EXISTS previews_pending_idx ON previews (id) WHERE status = 'pending'
"""

if __name__ == "__main__":
    with psycopg2.connect(DATABASE_URL) as connection, connection.cursor() as cursor:
        cursor.execute(DDL)
