// `npm run soak -- --minutes N [--concurrency C]`: compiles with tsc into .build/, then runs
// bench/soak.ts (own Redis, PostgreSQL, upstream and apps; loopback only).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { buildTests } from './build-tests.mjs';

const root = path.resolve(import.meta.dirname, '..');
// tsc emits even when other parts of the tree have type errors; the soak only needs the apps and its own files.
await buildTests();
const child = spawn(process.execPath, [path.join(root, '.build', 'bench', 'soak.js'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
const [code] = await once(child, 'exit');
process.exitCode = code ?? 1;
