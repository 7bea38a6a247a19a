import { ApiKeyEntity, ApiKeyRepository, generateApiKey } from '@unfurl/database';
import { parseArgs } from 'node:util';
import { CliError, describeError } from './cli-error';
import { openDataSource } from './open-data-source';

const USAGE = 'usage: unfurl keys create --name <name> [--admin] [--rate-limit <per minute>] | keys list | keys revoke <id|prefix>';
const DOING = { create: 'create the key', list: 'list the keys', revoke: 'revoke the key' };
const OPTIONS = { name: { type: 'string' }, admin: { type: 'boolean', default: false }, 'rate-limit': { type: 'string' } } as const;

/** `keys create|list|revoke`: manages API keys in DATABASE_URL. A new key's secret is printed once. */
export async function keysCommand(args: string[]): Promise<void> {
  const [action, ...rest] = args;
  const run = { create, list, revoke }[action as 'create' | 'list' | 'revoke'];
  if (!run) throw new CliError(action ? `unknown keys action "${action}"; ${USAGE}` : USAGE, 2);
  const options = parse(rest);
  const dataSource = await openDataSource('holding the keys');
  try {
    await run(new ApiKeyRepository(dataSource.getRepository(ApiKeyEntity)), options);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`cannot ${DOING[action as keyof typeof DOING]}: ${describeError(error, { table: 'api_keys' })}`);
  } finally {
    await dataSource.destroy();
  }
}

type Options = ReturnType<typeof parse>;

function parse(args: string[]) {
  // Checked token by token first: parseArgs' own errors are long and worded for programmers.
  for (const token of parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: false, tokens: true }).tokens) {
    if (token.kind !== 'option') continue;
    const type = OPTIONS[token.name as keyof typeof OPTIONS]?.type;
    if (!type) throw new CliError(`unknown option "${token.rawName}"; ${USAGE}`, 2);
    if (type === 'string' && (token.value === undefined || (!token.inlineValue && token.value.startsWith('-')))) throw new CliError(`${token.rawName} needs a value; ${USAGE}`, 2);
    if (type === 'boolean' && token.value !== undefined) throw new CliError(`${token.rawName} takes no value; ${USAGE}`, 2);
  }
  try {
    const { values, positionals } = parseArgs({ args, options: OPTIONS, allowPositionals: true });
    return { ...values, positionals };
  } catch {
    throw new CliError(`invalid arguments; ${USAGE}`, 2);
  }
}

async function create(keys: ApiKeyRepository, options: Options): Promise<void> {
  const name = options.name?.trim();
  if (!name || name.length > 100) throw new CliError(`--name is required (1 to 100 characters); ${USAGE}`, 2);
  if (options.positionals.length > 0) throw new CliError(`unexpected argument "${options.positionals[0]}"; ${USAGE}`, 2);
  let rateLimitPerMinute: number | null = null;
  if (options['rate-limit'] !== undefined) {
    rateLimitPerMinute = Number(options['rate-limit']);
    if (!Number.isInteger(rateLimitPerMinute) || rateLimitPerMinute < 1) throw new CliError(`--rate-limit must be a positive integer, got "${options['rate-limit']}"`, 2);
  }
  const { key, prefix, keyHash } = generateApiKey();
  const row = await keys.create({ name, prefix, keyHash, isAdmin: options.admin, rateLimitPerMinute });
  process.stdout.write(`${key}\n`);
  process.stderr.write(`created key ${row.id} (prefix ${prefix}${row.isAdmin ? ', admin' : ''}); the key above is shown only this once\n`);
}

async function list(keys: ApiKeyRepository, options: Options): Promise<void> {
  if (options.positionals.length > 0 || options.name !== undefined || options['rate-limit'] !== undefined) throw new CliError(`keys list takes no arguments; ${USAGE}`, 2);
  const rows = await keys.list();
  const lines = rows.map((row) =>
    [row.id, row.prefix, row.isAdmin ? 'admin' : 'user', row.rateLimitPerMinute ?? 'default', row.createdAt.toISOString(), row.revokedAt ? `revoked ${row.revokedAt.toISOString()}` : 'active', row.name].join('\t'),
  );
  process.stdout.write(['id\tprefix\trole\trate/min\tcreated\tstate\tname', ...lines].map((line) => `${line}\n`).join(''));
}

async function revoke(keys: ApiKeyRepository, options: Options): Promise<void> {
  const [target, extra] = options.positionals;
  if (!target || extra !== undefined) throw new CliError(`keys revoke takes one id or prefix; ${USAGE}`, 2);
  const row = await keys.revoke(target);
  if (!row) throw new CliError(`no key has id or prefix "${target}"`);
  process.stdout.write(row.revokedAt ? `key ${row.id} (${row.prefix}) was already revoked\n` : `revoked key ${row.id} (${row.prefix})\n`);
}
