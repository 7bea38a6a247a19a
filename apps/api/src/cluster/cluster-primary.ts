import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { serveClusterMetrics } from '../metrics/cluster-metrics';

/** A process that dies sooner than this after starting is restarted after a pause, not in a tight loop. */
const EARLY_DEATH_MS = 5_000;
const RESTART_PAUSE_MS = 1_000;

const alive = () => Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined);

const say = (line: string) => process.stderr.write(`${JSON.stringify({ level: 30, time: Date.now(), pid: process.pid, msg: `api cluster: ${line}` })}\n`);

/** `auto` is one process per CPU; `1` means no cluster at all. */
export function apiProcessCount(setting: string): number {
  return setting === 'auto' ? availableParallelism() : Number(setting);
}

/**
 * The primary of `API_PROCESSES=N`: forks N API processes that share the port (like gunicorn
 * workers), restarts any that dies, and on SIGTERM/SIGINT passes the signal on and exits once
 * they have all finished their requests. It serves no HTTP itself, only the metrics aggregation.
 */
export function runClusterPrimary(processes: number): void {
  serveClusterMetrics();
  const startedAt = new Map<number, number>();
  let stopping = false;
  const fork = () => {
    const worker = cluster.fork();
    startedAt.set(worker.id, Date.now());
  };

  cluster.on('exit', (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker.id) ?? 0);
    startedAt.delete(worker.id);
    if (stopping) {
      if (alive().length === 0) process.exit(0);
      return;
    }
    say(`process ${worker.process.pid} died (${signal ?? `exit ${code}`}); starting another`);
    if (lived < EARLY_DEATH_MS) setTimeout(fork, RESTART_PAUSE_MS);
    else fork();
  });
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping ${alive().length} processes`);
    for (const worker of alive()) worker.process.kill(signal);
    if (alive().length === 0) process.exit(0);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  for (let i = 0; i < processes; i++) fork();
  say(`started ${processes} API processes`);
}
