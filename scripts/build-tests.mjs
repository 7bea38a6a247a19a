// Compiles apps, libs, tests and benches with plain tsc into .build/ (path aliases rewritten),
// for node's test runner and the bench scripts. The shipped apps are built by `nest build`.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cp } from 'node:fs/promises';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

async function run(command, args) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
  const [code] = await once(child, 'exit');
  return code ?? 1;
}

export async function buildTests() {
  // tsc emits even when it reports type errors; aliases are rewritten either way so such a build still runs.
  const typed = (await run(bin('tsc'), ['-p', 'tsconfig.spec.json'])) === 0;
  const aliased = (await run(bin('tsc-alias'), ['-p', 'tsconfig.spec.json'])) === 0;
  // Files the API serves as they are (the playground) sit beside the compiled module that reads them.
  const playground = path.join('apps', 'api', 'src', 'playground', 'static');
  await cp(path.join(root, playground), path.join(root, '.build', playground), { recursive: true });
  return typed && aliased;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = (await buildTests()) ? 0 : 1;
}
