// "Build if needed" for the launcher and the bench: the apps are rebuilt with `nest build` when a
// source under apps/ or libs/ (TypeScript, or a file served as it is) is newer than any of their bundles.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');
const apps = ['api', 'worker', 'renderer', 'cli'];
const bundles = ['api/main.js', 'worker/main.js', 'worker/extract.worker.js', 'renderer/main.js', 'cli/main.js'];

async function newestMtime(dir) {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, await newestMtime(full));
    else newest = Math.max(newest, (await stat(full)).mtimeMs);
  }
  return newest;
}

export async function appsAreStale() {
  const sources = Math.max(await newestMtime(path.join(root, 'apps')), await newestMtime(path.join(root, 'libs')));
  for (const bundle of bundles) {
    const built = await stat(path.join(root, 'dist', 'apps', bundle)).catch(() => null);
    if (!built || built.mtimeMs < sources) return true;
  }
  return false;
}

/** Runs `nest build` for each app; throws naming the first that fails. */
export async function buildApps() {
  for (const app of apps) {
    const child = spawn(process.execPath, [path.join(root, 'node_modules', '@nestjs', 'cli', 'bin', 'nest.js'), 'build', app], { cwd: root, stdio: 'inherit' });
    const [code] = await once(child, 'exit');
    if (code !== 0) throw new Error(`nest build ${app} failed (exit ${code})`);
  }
}
