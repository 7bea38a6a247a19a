import { Injectable } from '@nestjs/common';
import { ConfigService, SiteRules, type Environment } from '@unfurl/config';
import { Semaphore } from '../semaphore';

/**
 * Caps simultaneous fetches per host, so 64 jobs in flight never means 64 connections to one site.
 * The host is the one of the URL asked for; a redirect to another host still counts against the first.
 * A host's semaphore exists only while someone holds or waits for it, so the map stays small.
 */
@Injectable()
export class HostLimiter {
  private readonly hosts = new Map<string, { slots: Semaphore; users: number }>();
  /** The cap of a host: its site rule's `concurrency`, else FETCH_PER_HOST_CONCURRENCY. */
  private readonly limitFor: (host: string) => number;

  constructor(config: ConfigService<Environment, true>, rules: SiteRules) {
    const perHost = config.get('FETCH_PER_HOST_CONCURRENCY', { infer: true });
    this.limitFor = (host) => rules.forHost(host).concurrency ?? perHost;
  }

  async run<T>(url: string, task: () => Promise<T>): Promise<T> {
    const host = hostOf(url);
    const entry = this.hosts.get(host) ?? { slots: new Semaphore(this.limitFor(host)), users: 0 };
    this.hosts.set(host, entry);
    entry.users += 1;
    try {
      await entry.slots.acquire();
      try {
        return await task();
      } finally {
        entry.slots.release();
      }
    } finally {
      entry.users -= 1;
      if (entry.users === 0) this.hosts.delete(host);
    }
  }

  /** Fetches waiting for a slot of their host, over all hosts. */
  get waiting(): number {
    let total = 0;
    for (const entry of this.hosts.values()) total += entry.slots.waiting;
    return total;
  }

  get activeHosts(): number {
    return this.hosts.size;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return url;
  }
}
