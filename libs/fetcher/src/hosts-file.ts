import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import type { ResolvedAddress } from './fetcher-options';

export type HostsFileNames = Map<string, ResolvedAddress[]>;

/** How long a reading of the hosts file is used before it is read again. */
const HOSTS_FILE_TTL_MS = 30_000;

/**
 * The names of a hosts file, read again once `ttlMs` has passed. A missing file holds no
 * names; a reading that fails otherwise (too many open files, say) keeps the last names it had.
 */
export function hostsFileReader(file: string, ttlMs = HOSTS_FILE_TTL_MS): () => Promise<HostsFileNames> {
  let names: Promise<HostsFileNames> = Promise.resolve(new Map());
  let readAt = Number.NEGATIVE_INFINITY;
  return () => {
    if (Date.now() - readAt >= ttlMs) {
      readAt = Date.now();
      const last = names;
      names = readFile(file, 'utf8').then(parseHostsFile, (error: unknown) => ((error as { code?: string }).code === 'ENOENT' ? new Map() : last));
    }
    return names;
  };
}

/** hosts(5): an address, then its names; `#` starts a comment. Names are matched in lower case. */
export function parseHostsFile(text: string): HostsFileNames {
  const names: HostsFileNames = new Map();
  for (const line of text.split('\n')) {
    const [address, ...aliases] = line.replace(/#.*/, '').trim().split(/\s+/);
    const family = isIP(address);
    if (family === 0) continue;
    for (const alias of aliases) {
      const key = alias.toLowerCase();
      const known = names.get(key) ?? [];
      if (!known.some((one) => one.address === address)) known.push({ address, family: family === 6 ? 6 : 4 });
      names.set(key, known);
    }
  }
  return names;
}
