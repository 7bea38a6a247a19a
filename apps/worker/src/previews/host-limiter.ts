import { Injectable } from '@nestjs/common';
import { ConfigService, SiteRules, type Environment } from '@unfurl/config';
import { JobDeferredError } from '@unfurl/queue';

/**
 * Caps simultaneous fetches per host, so 64 jobs in flight never means 64 connections to one site.
 * A job never waits here for its host: when the host has no free slot, JobDeferredError sets the job
 * aside (delayed in the queue) and the worker's slot goes to a job for another host. The host is the
 * one of the URL asked for; a redirect to another host still counts against the first.
 */
@Injectable()
export class HostLimiter {
  private readonly fetching = new Map<string, number>();
  /** The cap of a host: its site rule's `concurrency`, else FETCH_PER_HOST_CONCURRENCY. */
  private readonly limitFor: (host: string) => number;

  constructor(config: ConfigService<Environment, true>, rules: SiteRules) {
    const perHost = config.get('FETCH_PER_HOST_CONCURRENCY', { infer: true });
    this.limitFor = (host) => rules.forHost(host).concurrency ?? perHost;
  }

  async run<T>(url: string, task: () => Promise<T>): Promise<T> {
    const host = hostOf(url);
    const busy = this.fetching.get(host) ?? 0;
    if (busy >= this.limitFor(host)) throw new JobDeferredError(`${host} has ${busy} fetches in flight`);
    this.fetching.set(host, busy + 1);
    try {
      return await task();
    } finally {
      const left = (this.fetching.get(host) ?? 1) - 1;
      if (left === 0) this.fetching.delete(host);
      else this.fetching.set(host, left);
    }
  }

  get activeHosts(): number {
    return this.fetching.size;
  }
}

/** The lower-cased host name of a URL: the key of the per-host limits. */
export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return url;
  }
}
