import { dataSourceOptions } from '@unfurl/database';
import { DataSource } from 'typeorm';
import { CliError } from './cli-error';

/** A one-connection DataSource on DATABASE_URL, or a one-line CliError saying what is missing. */
export async function openDataSource(purpose: string): Promise<DataSource> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new CliError(`DATABASE_URL is not set; it must point at the PostgreSQL database ${purpose}`, 2);
  const dataSource = new DataSource(dataSourceOptions(url, 1));
  try {
    await dataSource.initialize();
  } catch (error) {
    throw new CliError(`cannot connect to PostgreSQL: ${error instanceof Error ? error.message : String(error)}`);
  }
  return dataSource;
}
