// `npm run client:generate` writes the typed client's schema (packages/client/src/schema.d.ts)
// from the committed openapi.json with openapi-typescript; `--check` fails when the committed
// schema differs from what the spec produces (CI runs it), so the client never drifts.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';

const root = path.resolve(import.meta.dirname, '..');
const spec = path.join(root, 'openapi.json');
const target = path.join(root, 'packages', 'client', 'src', 'schema.d.ts');
const banner = '// Generated from openapi.json by `npm run client:generate`: do not edit.\n\n';

try {
  const fresh = banner + astToString(await openapiTS(JSON.parse(await readFile(spec, 'utf8'))));
  if (process.argv.includes('--check')) {
    const current = await readFile(target, 'utf8').catch(() => '');
    if (current !== fresh) throw new Error('packages/client/src/schema.d.ts is out of date: run `npm run client:generate` and commit it');
    console.log('client schema is up to date');
  } else {
    await writeFile(target, fresh);
    console.log('wrote packages/client/src/schema.d.ts');
  }
} catch (error) {
  console.error(`client: ${error.message}`);
  process.exitCode = 1;
}
