import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { processTrees } from './cpu';

/** A child process of the bench, stopped with SIGTERM (then SIGKILL) at the end. */
export class Child {
  private readonly exited: Promise<unknown>;
  /** The end of what the process wrote to stderr, for the error when it dies. */
  stderrTail = '';

  constructor(
    readonly name: string,
    readonly process: ChildProcess,
  ) {
    this.exited = once(process, 'exit');
    process.stderr?.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString()).slice(-2_000);
      if (globalThis.process.env.BENCH_VERBOSE) globalThis.process.stderr.write(`[${name}] ${chunk.toString()}`);
    });
  }

  async stop(): Promise<void> {
    if (this.process.exitCode !== null || this.process.signalCode !== null) return;
    this.process.kill('SIGTERM');
    const timer = setTimeout(() => this.process.kill('SIGKILL'), 15_000);
    await this.exited;
    clearTimeout(timer);
  }
}

/** Who a process runs as: `uid` and `gid` of another user, or (empty) this one. */
export interface RunAs {
  uid?: number;
  gid?: number;
}

/**
 * Not root, as the images run the apps (USER node): as root, Chromium raises some of its threads to
 * nice -8, above the API it shares the box with (bench/README.md, renderer isolation).
 */
export const imageUser = (): RunAs => (process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {});

export function startProcess(name: string, command: string, args: string[], env: Record<string, string>, cwd?: string, as: RunAs = {}): Child {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], cwd, ...as });
  child.stdout?.resume();
  return new Child(name, child);
}

export function startNode(name: string, script: string, env: Record<string, string>, as: RunAs = {}): Child {
  return startProcess(name, process.execPath, [script], env, undefined, as);
}

/** Waits until the child prints `text` on stdout, failing if it exits first or 120 s pass. */
export async function waitForLine(child: Child, text: string): Promise<void> {
  const lines = createInterface({ input: child.process.stdout! });
  const timer = setTimeout(() => lines.close(), 120_000);
  try {
    for await (const line of lines) if (line.includes(text)) return;
  } finally {
    clearTimeout(timer);
    lines.close();
    child.process.stdout?.resume();
  }
  throw new Error(`${child.name} did not print "${text}": ${child.stderrTail.trim() || '(no stderr)'}`);
}

/** The first line the child prints, parsed as JSON (the upstream announces its port so). */
export async function firstLine(child: Child): Promise<Record<string, number>> {
  const lines = createInterface({ input: child.process.stdout! });
  for await (const line of lines) return JSON.parse(line) as Record<string, number>;
  throw new Error(`${child.name} exited before announcing itself`);
}

/** Polls a URL until it answers 200, failing if the process dies or 60 s pass. */
export async function waitUntilUp(child: Child, url: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.process.exitCode !== null) throw new Error(`${child.name} exited with ${child.process.exitCode}: ${child.stderrTail.trim() || '(no stderr)'}`);
    const ok = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${child.name} did not answer on ${url}`);
}

/** Runs a node script to completion and returns its stdout. */
export async function runNode(script: string, args: string[], env: Record<string, string>): Promise<string> {
  const child = spawn(process.execPath, [script, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`${script} ${args.join(' ')} exited with ${code}: ${err.trim()}`);
  return out;
}

/** Groups of processes by name, as the RSS rows show them. */
export type ProcessGroups = Record<string, () => number[]>;

/**
 * Each group's resident memory now (VmRSS, MB): its roots and all their descendants; threads share
 * their process's. Summed per process, so pages shared between processes (PostgreSQL's shared
 * buffers, a prefork parent's) count once in each. /proc is listed once for all groups: the
 * sampler runs during measured scenarios, on the same cores.
 */
export async function rssNow(groups: ProcessGroups): Promise<Record<string, number>> {
  const names = Object.keys(groups);
  const trees = await processTrees(names.map((name) => groups[name]()));
  const entries = await Promise.all(trees.map(async (pids, i) => [names[i], await rssMb(pids)] as const));
  return Object.fromEntries(entries);
}

async function rssMb(pids: number[]): Promise<number> {
  let kb = 0;
  for (const pid of pids) {
    const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
    kb += Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
  }
  return kb / 1024;
}

/** Runs `work` while sampling each group's RSS every 500 ms; returns its result and each group's peak (MB). */
export async function withPeakRss<T>(groups: ProcessGroups, work: () => Promise<T>): Promise<{ result: T; peakMb: Record<string, number> }> {
  const peakMb: Record<string, number> = Object.fromEntries(Object.keys(groups).map((name) => [name, 0]));
  const sample = async () => {
    for (const [name, mb] of Object.entries(await rssNow(groups))) peakMb[name] = Math.max(peakMb[name], mb);
  };
  let sampling = sample();
  const timer = setInterval(() => (sampling = sampling.then(sample)), 500);
  try {
    return { result: await work(), peakMb };
  } finally {
    clearInterval(timer);
    await sampling.then(sample);
  }
}

/** What the bench uses of scripts/lib/services.mjs (shared with `npm start` and the tests). */
export interface Services {
  freePort(): Promise<number>;
  findRedisServer(): Promise<string | null>;
  startRedis(options: { port: number; dir: string; binary: string }): Promise<{ url: string; process: { pid?: number }; stop(): Promise<void> }>;
  startEmbeddedPostgres(options: { port: number; dir: string; persistent: boolean }): Promise<{ url: string; stop(): Promise<void> }>;
}

export async function loadServices(root: string): Promise<Services> {
  return (await import(pathToFileURL(path.join(root, 'scripts', 'lib', 'services.mjs')).href)) as Services;
}
