// The seed's stack, for comparison (bench/peers/fastapi-celery/): gunicorn with 2 Uvicorn workers
// running the FastAPI app, and a Celery prefork worker, on Debian's Python packages only.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { startProcess, waitForLine, waitUntilUp, type Child } from './processes';

/** Debian's interpreter: a pyenv or venv python3 earlier on PATH lacks the Debian packages. */
const python = '/usr/bin/python3';
const modules = ['fastapi', 'uvicorn', 'gunicorn', 'asyncpg', 'celery', 'redis', 'lxml', 'httpx', 'psycopg2'];
export const peerPackages = 'python3-fastapi python3-uvicorn gunicorn python3-asyncpg python3-celery python3-redis python3-lxml python3-httpx python3-psycopg2';

/** Whether Debian's python3 can import every module the peer uses. */
export async function peerAvailable(): Promise<boolean> {
  return promisify(execFile)(python, ['-c', `import ${modules.join(', ')}`]).then(
    () => true,
    () => false,
  );
}

export class Peer {
  private readonly dir: string;
  private readonly env: Record<string, string>;
  api: Child | undefined;
  worker: Child | undefined;
  url = '';

  constructor(root: string, databaseUrl: string, redisUrl: string) {
    this.dir = path.join(root, 'bench', 'peers', 'fastapi-celery');
    this.env = { PEER_DATABASE_URL: databaseUrl, PEER_REDIS_URL: redisUrl, PYTHONDONTWRITEBYTECODE: '1' };
  }

  /** Creates the table (once, before any of its processes starts), then the API's two workers. */
  async startApi(port: number): Promise<void> {
    await promisify(execFile)(python, ['schema.py'], { cwd: this.dir, env: { ...process.env, ...this.env } });
    this.api = startProcess('peer api', python, ['-m', 'gunicorn', '--workers', '2', '--worker-class', 'uvicorn.workers.UvicornWorker', '--bind', `127.0.0.1:${port}`, 'app:app'], this.env, this.dir);
    this.url = `http://127.0.0.1:${port}`;
    await waitUntilUp(this.api, `${this.url}/health/live`);
  }

  /** (Re)starts the Celery worker with `processes` prefork processes and waits until it consumes. */
  async startWorker(processes: number): Promise<void> {
    await this.worker?.stop();
    this.worker = startProcess(`peer celery x${processes}`, python, ['-m', 'celery', '--app', 'tasks', 'worker', '--pool', 'prefork', '--concurrency', String(processes), '--loglevel', 'warning'], this.env, this.dir);
    await waitForLine(this.worker, 'peer worker ready');
  }

  pids(): number[] {
    return [this.api, this.worker].flatMap((child) => (child?.process.pid ? [child.process.pid] : []));
  }

  async stop(): Promise<void> {
    await this.worker?.stop();
    await this.api?.stop();
  }
}
