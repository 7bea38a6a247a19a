// `npm run openapi` writes openapi.json from the built API; `--check` fails when the committed
// file differs from what the code produces (CI runs it), so the spec never drifts.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeOrCheck } from './lib/generated-file.mjs';

const root = path.resolve(import.meta.dirname, '..');
const committed = path.join(root, 'openapi.json');
const tmp = await mkdtemp(path.join(os.tmpdir(), 'unfurl-openapi-'));
const generated = path.join(tmp, 'openapi.json');
try {
  const child = spawn(process.execPath, [path.join(root, 'dist', 'apps', 'api', 'main.js'), 'openapi', generated], { stdio: 'inherit', env: { ...process.env, LOG_LEVEL: 'silent' } });
  const [code] = await once(child, 'exit');
  if (code !== 0) throw new Error('generating the OpenAPI document failed (is the API built? npm run build)');
  const fresh = await readFile(generated, 'utf8');
  await writeOrCheck(committed, fresh, 'npm run build && npm run openapi');
} catch (error) {
  console.error(`openapi: ${error.message}`);
  process.exitCode = 1;
} finally {
  await rm(tmp, { recursive: true, force: true });
}
