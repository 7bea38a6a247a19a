// `npm run bench [-- --quick] [-- <pages dir>]`: builds what is stale (the apps with `nest build`,
// the bench itself with tsc into .build/), then runs bench/service/main.ts. See bench/README.md.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { buildTests } from './build-tests.mjs';

const root = path.resolve(import.meta.dirname, '..');

async function newestMtime(dir) {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, await newestMtime(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, (await stat(full)).mtimeMs);
  }
  return newest;
}

async function distIsStale() {
  const sources = Math.max(await newestMtime(path.join(root, 'apps')), await newestMtime(path.join(root, 'libs')));
  for (const file of ['api/main.js', 'worker/main.js', 'worker/extract.worker.js', 'cli/main.js']) {
    const built = await stat(path.join(root, 'dist', 'apps', file)).catch(() => null);
    if (!built || built.mtimeMs < sources) return true;
  }
  return false;
}

async function run(command, args) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
  const [code] = await once(child, 'exit');
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${code}`);
}

if (await distIsStale()) {
  process.stdout.write('[bench] building the apps (nest build api, worker, cli)\n');
  for (const app of ['api', 'worker', 'cli']) {
    // webpack still emits the bundle when only type checking failed; a bundle that is missing is fatal.
    const ok = await run(path.join(root, 'node_modules', '.bin', 'nest'), ['build', app]).then(() => true, () => false);
    if (!ok && !(await stat(path.join(root, 'dist', 'apps', app, 'main.js')).catch(() => null))) throw new Error(`nest build ${app} failed`);
    if (!ok) process.stdout.write(`[bench] nest build ${app} reported errors; benchmarking the bundle it emitted\n`);
  }
}
// tsc emits even when other parts of the tree have type errors; the bench only needs its own files.
await buildTests();
await run(process.execPath, [path.join(root, '.build', 'bench', 'service', 'main.js'), ...process.argv.slice(2)]);
