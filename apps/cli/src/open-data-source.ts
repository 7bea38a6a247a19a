import { dataSourceOptions } from '@unfurl/database';
import { DataSource } from 'typeorm';
import { CliError, describeError } from './cli-error';

/** A one-connection DataSource on DATABASE_URL, or a one-line CliError saying what is missing or why it cannot connect. */
export async function openDataSource(purpose: string): Promise<DataSource> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new CliError(`DATABASE_URL is not set; it must point at the PostgreSQL database ${purpose}`, 2);
  // The same rule the apps' config applies; anything else would reach the driver and fail in its words.
  if (!/^postgres(ql)?:\/\/.+/.test(url) || !URL.canParse(url)) throw new CliError('DATABASE_URL must be a postgres:// URL', 2);
  const { server, database } = target(new URL(url));
  const dataSource = new DataSource(dataSourceOptions(url, 1));
  try {
    await dataSource.initialize();
  } catch (error) {
    throw new CliError(`cannot connect to PostgreSQL at ${server}: ${describeError(error, { database })}`);
  }
  return dataSource;
}

// Where the driver will connect, read from the URL as pg does (never the password), for the operator to check.
function target(url: URL): { server: string; database?: string } {
  const host = url.searchParams.get('host') ?? (decode(url.hostname) || 'localhost');
  const port = url.searchParams.get('port') ?? (url.port || '5432');
  const server = host.startsWith('/') ? `${host}/.s.PGSQL.${port}` : `${host}:${port}`;
  // PostgreSQL's default database is the user's name.
  const database = decode(url.pathname.slice(1)) || decode(url.username) || undefined;
  return { server, database };
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
