/** SQLSTATEs and socket errors of the pg driver and pool that mean "PostgreSQL is not there right now". */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  // admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections
  '57P01',
  '57P02',
  '57P03',
  '53300',
  // connection exceptions
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);

/**
 * True for an error that says PostgreSQL cannot be reached or will not take a connection now: the API
 * answers 503 DATABASE_UNAVAILABLE with Retry-After, not 500. "Not currently accepting connections"
 * (a database closed with ALLOW_CONNECTIONS false) has the generic SQLSTATE 55000, so it is told by
 * its message.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: string }).code ?? '';
  return (
    UNAVAILABLE_CODES.has(code) ||
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection refused|not currently accepting connections/i.test(error.message)
  );
}
