// `npm run bench [-- --quick] [-- <pages dir>]`: builds what is stale (the apps with `nest build`,
// the bench itself with tsc into .build/), then runs bench/service/main.ts. See bench/README.md.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { buildTests } from './build-tests.mjs';
import { appsAreStale, buildApps } from './lib/build-apps.mjs';

const root = path.resolve(import.meta.dirname, '..');

async function run(command, args) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
  const [code] = await once(child, 'exit');
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${code}`);
}

if (await appsAreStale()) {
  process.stdout.write('[bench] building the apps (nest build api, worker, cli)\n');
  await buildApps();
}
// tsc emits even when other parts of the tree have type errors; the bench only needs its own files.
await buildTests();
await run(process.execPath, [path.join(root, '.build', 'bench', 'service', 'main.js'), ...process.argv.slice(2)]);
