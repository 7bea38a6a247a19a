// Generated files are committed (the OpenAPI spec, the client schema) and CI fails when they drift:
// one helper writes a fresh copy, or with --check compares it to the committed one.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');

/** Writes `fresh` to `file`, or under `--check` throws when the committed file differs. */
export async function writeOrCheck(file, fresh, regenerateWith) {
  const name = path.relative(root, file);
  if (process.argv.includes('--check')) {
    const current = await readFile(file, 'utf8').catch(() => '');
    if (current !== fresh) throw new Error(`${name} is out of date: run \`${regenerateWith}\` and commit it`);
    console.log(`${name} is up to date`);
  } else {
    await writeFile(file, fresh);
    console.log(`wrote ${name}`);
  }
}
