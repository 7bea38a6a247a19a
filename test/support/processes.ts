import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './free-port';

/** The root of the tsc build (.build/), where the apps' main.js files are. */
const buildRoot = path.resolve(__dirname, '../..');

/**
 * One of the apps (tsc-built `main.js`) as a real child process, so a test can SIGKILL or SIGTERM
 * it. Its output is kept for assertions (and printed when UNFURL_TEST_APP_OUTPUT is set).
 */
export class AppProcess {
  output = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(
    readonly name: string,
    readonly child: ChildProcess,
    /** The port of the API, or of the worker's or renderer's health listener. */
    readonly port: number,
  ) {
    const keep = (chunk: Buffer) => {
      this.output += chunk.toString('utf8');
      if (process.env.UNFURL_TEST_APP_OUTPUT) process.stderr.write(`[${name}] ${chunk.toString('utf8')}`);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = once(child, 'exit').then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null }));
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts `api`, `worker` or `renderer` with `env` on a free port and waits until it answers /health/live. */
  static async start(app: 'api' | 'worker' | 'renderer', env: Record<string, string>, name: string = app): Promise<AppProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, ['--enable-source-maps', path.join(buildRoot, 'apps', app, 'src', 'main.js')], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'info',
        HOST: '127.0.0.1',
        FETCH_ALLOW_PRIVATE_ADDRESSES: 'true',
        EXTRACT_THREADS: '1',
        // As in the in-process harness: a loaded machine must not shed the tests' own requests
        // (load-shedding.e2e-spec.ts tests shedding itself).
        LOAD_SHED_EVENT_LOOP_DELAY_MS: '10000',
        ...env,
        [PORT_VARIABLE[app]]: String(port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const started = new AppProcess(name, child, port);
    for (let i = 0; i < 300; i++) {
      if (child.exitCode !== null) throw new Error(`${name} exited at start (${child.exitCode}): ${started.output.slice(-2000)}`);
      if (await answers(`${started.baseUrl}/health/live`)) return started;
      await sleep(100);
    }
    child.kill('SIGKILL');
    throw new Error(`${name} did not answer /health/live: ${started.output.slice(-2000)}`);
  }

  /** Sends `signal` and waits for the exit. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exited;
  }
}

/** Where each app takes the port it answers /health/live on. */
const PORT_VARIABLE = { api: 'PORT', worker: 'WORKER_HEALTH_PORT', renderer: 'RENDERER_HEALTH_PORT' } as const;

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

interface ServiceHandle {
  url: string;
  port: number;
  stop(): Promise<void>;
}

type Services = {
  freePort(): Promise<number>;
  canConnect(port: number): Promise<boolean>;
  findRedisServer(): Promise<string | null>;
  startRedis(options: { port: number; dir: string; binary?: string; fixedPort?: boolean }): Promise<ServiceHandle & { process: ChildProcess }>;
  startEmbeddedPostgres(options: { port: number; dir: string; persistent?: boolean; database?: string }): Promise<ServiceHandle & { client: { start(): Promise<void>; stop(): Promise<void> } }>;
};

/** scripts/lib/services.mjs (plain ESM, shared with the launcher and the test runner). */
export function services(): Promise<Services> {
  return import(path.resolve(buildRoot, '..', 'scripts', 'lib', 'services.mjs')) as Promise<Services>;
}

/** A redis-server of the test's own on a fixed port and data folder, so it can be killed and started again. */
export class KillableRedis {
  private handle?: ServiceHandle & { process: ChildProcess };

  constructor(
    readonly port: number,
    readonly dir: string,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const lib = await services();
    this.handle = await lib.startRedis({ port: this.port, dir: this.dir, binary: (await lib.findRedisServer()) ?? 'redis-server', fixedPort: true });
  }

  /** SIGKILL: no shutdown save, as in a crash (the append-only file keeps what was fsynced). */
  async kill(): Promise<void> {
    const child = this.handle?.process;
    if (!child || child.exitCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    await this.handle?.stop();
  }
}
