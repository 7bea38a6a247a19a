// `npm start`: the whole service on one machine. Builds the apps if their sources changed,
// starts PostgreSQL (embedded, data in .data/postgres, unless DATABASE_URL is set) and Redis
// (REDIS_URL, else 127.0.0.1:6379, else a redis-server with data in .data/redis), applies
// migrations, then runs the API, the worker and (where Chromium is installed) the renderer until
// Ctrl-C, which stops the apps, then the stores (kept out of the terminal's process group by
// lib/services-keeper.mjs, so that the apps can drain into them).
import { fork, spawn } from 'node:child_process';
import { once } from 'node:events';
import { access, constants } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { appsAreStale, buildApps } from './lib/build-apps.mjs';
import { rendererUser } from './lib/unprivileged-user.mjs';

const root = path.resolve(import.meta.dirname, '..');
const dataDir = process.env.UNFURL_DATA_DIR ? path.resolve(process.env.UNFURL_DATA_DIR) : path.join(root, '.data');
const say = (line) => process.stdout.write(`[unfurl] ${line}\n`);

async function run(command, args, env = process.env) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
  const [code] = await once(child, 'exit');
  if (code !== 0) throw new Error(`${path.basename(command)} ${args.join(' ')} exited with ${code}`);
}

/**
 * Starts the stores (services-keeper.mjs) in a process group of their own, so that a Ctrl-C reaches
 * the apps but not the stores they drain into. Resolves with the apps' REDIS_URL and DATABASE_URL.
 */
async function startServices() {
  const keeper = fork(path.join(import.meta.dirname, 'lib', 'services-keeper.mjs'), [dataDir], { detached: true, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise((resolve) => keeper.once('exit', resolve));
  const answer = await Promise.race([once(keeper, 'message').then(([message]) => message), exited.then(() => ({ failed: 'the services keeper exited before PostgreSQL and Redis were up' }))]);
  const stop = async () => {
    // The callback takes the error of a channel already closed (the keeper stops by itself then).
    if (keeper.connected) keeper.send('stop', () => {});
    await exited;
  };
  if (answer.failed) {
    await stop();
    throw new Error(answer.failed);
  }
  return { env: answer.env, stop };
}

/** Under root, the renderer runs as nobody where it can (lib/unprivileged-user.mjs), with a home it may write to. */
async function rendererOptions(options, chromium) {
  const user = await rendererUser([path.join(root, 'dist', 'apps', 'renderer', 'main.js'), path.join(root, 'node_modules', 'playwright-core', 'package.json'), chromium]);
  if (user === null) {
    say('the renderer runs as root, since user nobody cannot reach this folder or this Node: Chromium may then outrank the API for the CPU (clone where others can read, or start as another user)');
    return options;
  }
  return user.uid === undefined ? options : { ...options, ...user, env: { ...options.env, HOME: tmpdir() } };
}

async function main() {
  const stops = [];
  const children = new Set();
  let stopping = false;
  const shutdown = async (code) => {
    if (stopping) return;
    stopping = true;
    say('stopping');
    await Promise.all([...children].map(async (child) => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
    }));
    for (const stop of stops.toReversed()) await stop().catch(() => {});
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    // Services first: a database that cannot start is reported at once, not after a build.
    const services = await startServices();
    stops.push(services.stop);
    const env = { ...process.env, ...services.env };
    if (await appsAreStale()) {
      say('building api, worker, renderer and cli');
      await buildApps();
    }
    env.NODE_ENV ??= 'development';
    await run(process.execPath, [path.join(root, 'dist', 'apps', 'cli', 'main.js'), 'migrate'], env);
    const apps = ['api', 'worker'];
    // The renderer runs only where Chromium is installed; without it every page is read statically.
    const chromium = env.CHROMIUM_PATH || '/usr/bin/chromium';
    const hasChromium = await access(chromium, constants.X_OK).then(() => true, () => false);
    if (env.RENDER_ENABLED !== 'false' && hasChromium) {
      env.RENDER_ENABLED = 'true';
      apps.push('renderer');
    } else if (env.RENDER_ENABLED !== 'false') {
      say(`JavaScript rendering is off: no Chromium at ${chromium} (apt-get install chromium, or set CHROMIUM_PATH, to turn it on)`);
    }
    const options = { cwd: root, stdio: 'inherit', env };
    for (const app of apps) {
      const child = spawn(process.execPath, [path.join(root, 'dist', 'apps', app, 'main.js')], app === 'renderer' ? await rendererOptions(options, chromium) : options);
      children.add(child);
      child.once('exit', (code, signal) => {
        if (stopping) return;
        say(`${app} exited (${signal ?? code}); stopping the rest`);
        void shutdown(1);
      });
    }
    say(`API on http://localhost:${env.PORT ?? 3000} (docs at /docs); Ctrl-C stops everything`);
  } catch (error) {
    const reason = error instanceof Error ? error.message : error === undefined ? '' : String(error);
    process.stderr.write(`[unfurl] ${reason || 'start failed without a reason; see the lines above'}\n`);
    await shutdown(1);
  }
}

await main();
