import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService, type Environment } from '@unfurl/config';
import { PreviewErrorCode, upstreamHttpStatus } from '@unfurl/contracts';
import { FETCH_POLICY, FetchError, FetcherService, type FetchPolicy } from '@unfurl/fetcher';
import { productToken, RobotsTxt } from './robots-txt';

/** RFC 9309 asks crawlers to read at least 500 KiB of a robots.txt. */
const MAX_ROBOTS_BYTES = 512 * 1024;
/** Origins whose robots.txt is kept; past this the oldest entry goes. */
const MAX_CACHED_ORIGINS = 10_000;

/** Fetch failures that say the server is down rather than that there is no robots.txt (RFC 9309 2.3.1.4). */
const UNREACHABLE = new Set<string>([PreviewErrorCode.UpstreamTimeout, PreviewErrorCode.UpstreamUnreachable]);

/**
 * RESPECT_ROBOTS_TXT: before a page is fetched, the robots.txt of its origin (scheme, host, port)
 * says whether Unfurl's user agent may fetch it. Each origin's file is fetched once per
 * ROBOTS_TXT_TTL_SECONDS per worker process, through the same guarded fetcher; concurrent checks
 * share one fetch. Per RFC 9309: 4xx or an unusable answer means no rules (everything allowed); 5xx or
 * an unreachable server means nothing may be fetched: the check throws that error, so the job is
 * retried like a page that answered 5xx, and nothing is cached.
 */
@Injectable()
export class RobotsService {
  private readonly logger = new Logger(RobotsService.name);
  private readonly cache = new Map<string, { until: number; robots: Promise<RobotsTxt | undefined> }>();
  readonly enabled: boolean;
  private readonly ttlMs: number;
  private readonly agent: string;

  constructor(
    private readonly fetcher: FetcherService,
    config: ConfigService<Environment, true>,
    @Inject(FETCH_POLICY) policy: FetchPolicy,
  ) {
    this.enabled = config.get('RESPECT_ROBOTS_TXT', { infer: true });
    this.ttlMs = config.get('ROBOTS_TXT_TTL_SECONDS', { infer: true }) * 1000;
    this.agent = productToken(policy.userAgent);
  }

  /** Resolves when `url` may be fetched (always, while RESPECT_ROBOTS_TXT is off); else throws ROBOTS_DISALLOWED. */
  async check(url: string): Promise<void> {
    if (!this.enabled) return;
    const target = new URL(url);
    const robots = await this.robotsOf(target.origin);
    if (robots && !robots.isAllowed(this.agent, `${target.pathname}${target.search}`)) {
      throw new FetchError(PreviewErrorCode.RobotsDisallowed, `${target.origin}/robots.txt disallows ${target.pathname} for ${this.agent}`);
    }
  }

  private robotsOf(origin: string): Promise<RobotsTxt | undefined> {
    const now = Date.now();
    const cached = this.cache.get(origin);
    if (cached && cached.until > now) return cached.robots;
    this.cache.delete(origin);
    if (this.cache.size >= MAX_CACHED_ORIGINS) this.cache.delete(this.cache.keys().next().value as string);
    const robots = this.fetchRobots(origin);
    this.cache.set(origin, { until: now + this.ttlMs, robots });
    robots.catch(() => this.cache.delete(origin));
    return robots;
  }

  /** The parsed file; undefined when there is none to obey; throws when the server is unreachable or failing. */
  private async fetchRobots(origin: string): Promise<RobotsTxt | undefined> {
    try {
      // A robots.txt that redirects into a host a site rule denies is not followed there (the fetch policy): no rules.
      const answer = await this.fetcher.fetch(`${origin}/robots.txt`, { accept: 'text/plain', maxBodyBytes: MAX_ROBOTS_BYTES });
      return RobotsTxt.parse(answer.body.toString('utf8'));
    } catch (error) {
      const code = error instanceof FetchError ? error.code : undefined;
      const status = code === undefined ? undefined : upstreamHttpStatus(code);
      if (code !== undefined && (UNREACHABLE.has(code) || (status !== undefined && status >= 500))) throw error;
      // 4xx, too many redirects, too large, blocked: no usable robots.txt, so no rules (RFC 9309 2.3.1.3).
      this.logger.log({ msg: 'robots.txt unavailable, all allowed', origin, code: code ?? 'INTERNAL' });
      return undefined;
    }
  }
}
