import 'reflect-metadata';
import { CliError, describeError } from './cli-error';
import { extractCommand } from './extract.command';
import { keysCommand } from './keys.command';
import { migrateCommand } from './migrate.command';

type Command = (args: string[]) => Promise<void>;

const commands: Record<string, { summary: string; run: Command }> = {
  extract: {
    summary: 'extract --url <url> <file|->   print the PreviewMetadata JSON of a saved page',
    run: extractCommand,
  },
  keys: {
    summary: 'keys create --name <n> [--admin] [--rate-limit N] | list | revoke <id|prefix>   manage API keys in DATABASE_URL',
    run: keysCommand,
  },
  migrate: {
    summary: 'migrate                        apply pending database migrations to DATABASE_URL',
    run: migrateCommand,
  },
};

function usage(): string {
  return ['usage: unfurl <command> [options]', ...Object.values(commands).map((c) => `  ${c.summary}`)].join('\n');
}

async function main(argv: string[]): Promise<void> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h') {
    process.stdout.write(`${usage()}\n`);
    if (!name) process.exitCode = 2;
    return;
  }
  const command = commands[name];
  if (!command) throw new CliError(`unknown command "${name}"; run with --help for the list`, 2);
  await command.run(args);
}

const argv = process.argv.slice(2);
main(argv).catch((error: unknown) => {
  // A CliError is already a sentence for the user; anything else is named by its code, never by its raw message.
  const message = error instanceof CliError ? error.message : `${argv[0]} failed: ${describeError(error)}`;
  process.stderr.write(`unfurl: ${message.split('\n')[0]}\n`);
  process.exitCode = error instanceof CliError ? error.exitCode : 1;
});
