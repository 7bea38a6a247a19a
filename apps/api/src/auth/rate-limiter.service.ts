import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService, type Environment } from '@unfurl/config';
import Redis from 'ioredis';
import { ProblemCode } from '../problems/problem';
import { ProblemException } from '../problems/problem.exception';
import type { ApiKeyPrincipal } from './api-key-principal';

/** Counts one hit in the current window and sets the window's expiry on its first hit, atomically. */
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return count`;

const WINDOW_MS = 60_000;

/** What counting a request says: the RateLimit headers to send, and the 429 when it is over the limit. */
export interface RateCheck {
  headers: Record<string, string>;
  refusal?: ProblemException;
}

const UNCOUNTED: RateCheck = { headers: {} };

interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the current window ends. */
  resetSeconds: number;
}

/**
 * Fixed one-minute windows counted in Redis, shared by every API process. Its own ioredis client
 * with no offline queue and a short command timeout: when Redis is down a check fails at once and
 * the request is let through (fail open), so cached reads keep working without Redis.
 */
@Injectable()
export class RateLimiterService implements OnApplicationShutdown {
  private readonly logger = new Logger(RateLimiterService.name);
  private readonly redis: Redis;
  private readonly prefix: string;
  private readonly keyLimit: number;
  private readonly anonymousLimit: number;
  private failing = false;

  constructor(config: ConfigService<Environment, true>) {
    this.keyLimit = config.get('RATE_LIMIT_PER_MINUTE', { infer: true });
    this.anonymousLimit = config.get('ANONYMOUS_RATE_LIMIT_PER_MINUTE', { infer: true });
    this.prefix = `${config.get('QUEUE_PREFIX', { infer: true })}:ratelimit`;
    this.redis = new Redis(config.get('REDIS_URL', { infer: true }), {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: 250,
      lazyConnect: false,
      // ioredis keeps reconnecting (with its default backoff) for as long as the process runs.
    });
    this.redis.on('error', () => this.failOpen());
  }

  /**
   * Counts one request against a per-key limit (the key's own or RATE_LIMIT_PER_MINUTE), per IP
   * without a key (ANONYMOUS_RATE_LIMIT_PER_MINUTE). Used by the guard and by the hot cache's reads,
   * so a request is counted once whichever answers it.
   */
  async check(principal: ApiKeyPrincipal | null | undefined, ip: string): Promise<RateCheck> {
    const [subject, limit] = principal ? [`key:${principal.id}`, principal.rateLimitPerMinute ?? this.keyLimit] : [`ip:${ip}`, this.anonymousLimit];
    if (limit <= 0) return UNCOUNTED;
    const decision = await this.hit(subject, limit);
    if (!decision) return UNCOUNTED;
    const headers = { 'RateLimit-Limit': String(decision.limit), 'RateLimit-Remaining': String(decision.remaining), 'RateLimit-Reset': String(decision.resetSeconds) };
    if (decision.allowed) return { headers };
    return { headers, refusal: new ProblemException(ProblemCode.RateLimited, `at most ${limit} requests per minute`, { retryAfterSeconds: decision.resetSeconds }) };
  }

  /** One hit for `subject` against `limit` per minute; null when Redis could not say (fail open). */
  private async hit(subject: string, limit: number): Promise<RateDecision | null> {
    const now = Date.now();
    const window = Math.floor(now / WINDOW_MS);
    const resetSeconds = Math.max(1, Math.ceil(((window + 1) * WINDOW_MS - now) / 1000));
    try {
      const count = Number(await this.redis.eval(HIT_SCRIPT, 1, `${this.prefix}:${subject}:${window}`, String(WINDOW_MS + 1_000)));
      this.failing = false;
      return { allowed: count <= limit, limit, remaining: Math.max(0, limit - count), resetSeconds };
    } catch {
      this.failOpen();
      return null;
    }
  }

  /** Logs once per outage, not once per request or reconnect attempt. */
  private failOpen(): void {
    if (!this.failing) this.logger.warn('rate limiting is off while Redis is unreachable (failing open)');
    this.failing = true;
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
