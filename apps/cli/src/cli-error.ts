/** An expected failure of a command: printed as one line, exit code 1 (2 for usage errors). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

// Node (fs, net, dns, TLS) error codes and PostgreSQL SQLSTATEs the CLI meets, in the words its user reads.
const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  EIO: 'input/output error',
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'the connection was closed',
  EPIPE: 'the connection was closed',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EADDRNOTAVAIL: 'address not available',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the server certificate is not trusted',
  SELF_SIGNED_CERT_IN_CHAIN: 'the server certificate is not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the server certificate is not trusted',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'the server certificate is not trusted',
  CERT_HAS_EXPIRED: 'the server certificate has expired',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the server certificate is for another host',
  '28P01': 'authentication failed',
  '28000': 'authentication failed',
  '3D000': 'the database does not exist',
  '42P01': 'a table is missing; run `unfurl migrate` first',
  '42501': 'permission denied',
  '25006': 'the database is read-only',
  '53100': 'the database server is out of disk space',
  '53300': 'too many connections',
  '57P01': 'the server is shutting down',
  '57P03': 'the server is starting up or shutting down',
};

// SQLSTATE classes, for the codes not listed above.
const SQLSTATE_CLASSES: Record<string, string> = {
  '08': 'the connection failed',
  '28': 'authentication failed',
  '42': 'the database rejected a query',
  '53': 'the database server is out of resources',
  '57': 'the server stopped the operation',
};

// Errors the pg driver raises without a code.
const PG_MESSAGES: Array<[RegExp, string]> = [
  [/timeout/i, 'timed out'],
  [/^Connection terminated/, 'the connection was closed'],
  [/^SASL: .*client password must be/, 'a password is required'],
  [/^SASL:/, 'authentication failed'],
  [/does not support SSL/, 'the server does not support SSL'],
];

/**
 * Why an operation failed, in a few plain words taken from the error's code (never its raw message,
 * which holds Node or driver wording). `names` fills in what the error itself does not say.
 */
export function describeError(error: unknown, names: { database?: string; table?: string } = {}): string {
  const coded = withCode(error);
  const code = coded?.code;
  if (code === '3D000' && names.database) return `database "${names.database}" does not exist`;
  if (code === '42P01' && names.table) return `the ${names.table} table does not exist; run \`unfurl migrate\` first`;
  if (code && REASONS[code]) return REASONS[code];
  // PostgreSQL's own errors carry a severity; their code is a SQLSTATE.
  if (code && coded?.severity !== undefined) return SQLSTATE_CLASSES[code.slice(0, 2)] ?? 'the database reported an error';
  const message = error instanceof Error ? error.message : '';
  return PG_MESSAGES.find(([pattern]) => pattern.test(message))?.[1] ?? 'unexpected error';
}

type Coded = { code: string; severity?: unknown };

// The error, or the one it wraps (TypeORM's driverError, pg-pool's cause, net's AggregateError), that has a code.
function withCode(error: unknown, depth = 0): Coded | undefined {
  if (typeof error !== 'object' || error === null || depth > 3) return undefined;
  const { code, driverError, cause, errors } = error as { code?: unknown; driverError?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string' && code) return error as Coded;
  for (const inner of [driverError, cause, ...(Array.isArray(errors) ? errors : [])]) {
    const found = withCode(inner, depth + 1);
    if (found) return found;
  }
  return undefined;
}
