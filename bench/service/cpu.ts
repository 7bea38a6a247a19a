import { execFileSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';

const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

interface Stat {
  ppid: number;
  /** utime + stime of all its threads, plus cutime + cstime of the children it has reaped. */
  ticks: number;
}

async function stats(): Promise<Map<number, Stat>> {
  const all = new Map<number, Stat>();
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const text = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => null);
    if (!text) continue;
    // The command name is in parentheses and may hold spaces: the fields start after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    all.set(Number(name), { ppid: Number(fields[1]), ticks });
  }
  return all;
}

/**
 * CPU seconds used so far by the processes `roots` and all their descendants (threads included).
 * A child that has exited counts in its parent's cutime/cstime once reaped, so a difference of two
 * readings covers short-lived children too (PostgreSQL's backends, prefork processes).
 */
export async function cpuSeconds(roots: number[]): Promise<number> {
  const all = await stats();
  return tree(all, roots).reduce((ticks, pid) => ticks + all.get(pid)!.ticks, 0) / ticksPerSecond;
}

/**
 * For each list of roots, the live processes `roots` and all their descendants (PostgreSQL's
 * backends, cluster and prefork children), from one reading of /proc.
 */
export async function processTrees(rootLists: number[][]): Promise<number[][]> {
  const all = await stats();
  return rootLists.map((roots) => tree(all, roots));
}

function tree(all: Map<number, Stat>, roots: number[]): number[] {
  const children = new Map<number, number[]>();
  for (const [pid, { ppid }] of all) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const pending = roots.filter((pid) => all.has(pid));
  const seen = new Set<number>();
  while (pending.length > 0) {
    const pid = pending.pop()!;
    if (seen.has(pid)) continue;
    seen.add(pid);
    pending.push(...(children.get(pid) ?? []));
  }
  return [...seen];
}

/** Runs `work` and returns its result with the CPU seconds `roots` used meanwhile. */
export async function withCpu<T>(roots: () => number[], work: () => Promise<T>): Promise<{ result: T; cpuS: number }> {
  const before = await cpuSeconds(roots());
  const result = await work();
  return { result, cpuS: (await cpuSeconds(roots())) - before };
}

/** CPU seconds so far of each thread of `pid`, by thread id (the main thread's id is `pid`). */
export async function threadSeconds(pid: number): Promise<Map<number, number>> {
  const threads = new Map<number, number>();
  for (const tid of await readdir(`/proc/${pid}/task`).catch(() => [] as string[])) {
    const text = await readFile(`/proc/${pid}/task/${tid}/stat`, 'utf8').catch(() => null);
    if (!text) continue;
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    threads.set(Number(tid), (Number(fields[11]) + Number(fields[12])) / ticksPerSecond);
  }
  return threads;
}
