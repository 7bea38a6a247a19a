// `npm run client:generate` writes the typed client's schema (packages/client/src/schema.d.ts)
// from the committed openapi.json with openapi-typescript; `--check` fails when the committed
// schema differs from what the spec produces (CI runs it), so the client never drifts.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { writeOrCheck } from './lib/generated-file.mjs';

const root = path.resolve(import.meta.dirname, '..');
const spec = path.join(root, 'openapi.json');
const target = path.join(root, 'packages', 'client', 'src', 'schema.d.ts');
const banner = '// Generated from openapi.json by `npm run client:generate`: do not edit.\n\n';

try {
  const fresh = banner + astToString(await openapiTS(JSON.parse(await readFile(spec, 'utf8'))));
  await writeOrCheck(target, fresh, 'npm run client:generate');
} catch (error) {
  console.error(`client: ${error.message}`);
  process.exitCode = 1;
}
