/** How a page is read: statically (`never`), in the headless renderer (`always`), or as the worker judges (`auto`). */
export const RENDER_MODES = ['auto', 'always', 'never'] as const;
export type RenderMode = (typeof RENDER_MODES)[number];

/** One entry of SITE_RULES (or of the default set): what applies to the hosts it names. */
export interface SiteRule {
  /** Exact host names, or `*.suffix` for every subdomain of suffix (not suffix itself). */
  hosts: string[];
  userAgent?: string;
  /** Extra request headers; their values may be secrets and are never logged. */
  headers?: Record<string, string>;
  ttlSeconds?: number;
  failureTtlSeconds?: number;
  render?: RenderMode;
  /** Simultaneous fetches per host from one worker process, instead of FETCH_PER_HOST_CONCURRENCY. */
  concurrency?: number;
  deny?: boolean;
}

/** What applies to one host: its rule's settings, or none (the configuration's defaults then apply). */
export interface SiteSettings {
  /** The host pattern of the rule that matched, for logs; undefined when none did. */
  pattern?: string;
  userAgent?: string;
  headers: Readonly<Record<string, string>>;
  ttlSeconds?: number;
  failureTtlSeconds?: number;
  render: RenderMode;
  concurrency?: number;
  deny: boolean;
}
