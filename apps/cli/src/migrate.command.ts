import { CliError, describeError } from './cli-error';
import { openDataSource } from './open-data-source';

/** `migrate`: applies pending migrations to DATABASE_URL (production runs this as its own step). */
export async function migrateCommand(args: string[]): Promise<void> {
  if (args.length > 0) throw new CliError(`migrate takes no arguments, got "${args[0]}"`, 2);
  const dataSource = await openDataSource('to migrate');
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    process.stdout.write(applied.length ? `applied ${applied.map((m) => m.name).join(', ')}\n` : 'database is up to date\n');
  } catch (error) {
    throw new CliError(`cannot apply the migrations: ${describeError(error)}`);
  } finally {
    await dataSource.destroy();
  }
}
