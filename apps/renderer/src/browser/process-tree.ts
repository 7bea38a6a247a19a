import { readdir, readFile } from 'node:fs/promises';

export interface ProcessInfo {
  pid: number;
  ppid: number;
  /** The executable's name as the kernel shows it (`/proc/<pid>/stat`), e.g. "chromium". */
  name: string;
  rssBytes: number;
}

// Linux x86-64 and the usual arm64 kernels; /proc/<pid>/stat counts RSS in pages.
const PAGE_BYTES = 4096;

/**
 * Every live process below `root` (the browser and its renderer, GPU and utility processes), read
 * from /proc without blocking. Elsewhere than Linux the list is empty, so RSS limits never bite.
 */
export async function descendantProcesses(root = process.pid): Promise<ProcessInfo[]> {
  const entries = await readdir('/proc').catch(() => [] as string[]);
  const all = await Promise.all(entries.filter((name) => /^\d+$/.test(name)).map((pid) => readStat(pid)));
  const children = new Map<number, ProcessInfo[]>();
  for (const info of all) if (info) children.set(info.ppid, [...(children.get(info.ppid) ?? []), info]);
  const found: ProcessInfo[] = [];
  const visit = (pid: number) => {
    for (const child of children.get(pid) ?? []) {
      found.push(child);
      visit(child.pid);
    }
  };
  visit(root);
  return found;
}

/** One process as /proc shows it now; null once it has exited. */
export async function processInfo(pid: number): Promise<ProcessInfo | null> {
  return readStat(String(pid));
}

async function readStat(pid: string): Promise<ProcessInfo | null> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  if (!stat) return null;
  // "pid (name) state ppid ...": the name may hold spaces and parentheses, so split after the last ')'.
  const close = stat.lastIndexOf(')');
  const fields = stat.slice(close + 2).split(' ');
  return { pid: Number(pid), ppid: Number(fields[1]), name: stat.slice(stat.indexOf('(') + 1, close), rssBytes: Number(fields[21]) * PAGE_BYTES };
}

/** Resident memory of every process below this one: the browser with its renderers and helpers. */
export async function descendantRssBytes(): Promise<number> {
  return (await descendantProcesses()).reduce((sum, p) => sum + p.rssBytes, 0);
}
