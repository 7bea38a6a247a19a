import { dataSourceOptions } from '@unfurl/database';
import { DataSource } from 'typeorm';
import { CliError } from './cli-error';

/** `migrate`: applies pending migrations to DATABASE_URL (production runs this as its own step). */
export async function migrateCommand(args: string[]): Promise<void> {
  if (args.length > 0) throw new CliError(`migrate takes no arguments, got "${args[0]}"`, 2);
  const url = process.env.DATABASE_URL;
  if (!url) throw new CliError('DATABASE_URL is not set; it must point at the PostgreSQL database to migrate', 2);
  const dataSource = new DataSource(dataSourceOptions(url, 1));
  try {
    await dataSource.initialize();
  } catch (error) {
    throw new CliError(`cannot connect to PostgreSQL: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    process.stdout.write(applied.length ? `applied ${applied.map((m) => m.name).join(', ')}\n` : 'database is up to date\n');
  } finally {
    await dataSource.destroy();
  }
}
