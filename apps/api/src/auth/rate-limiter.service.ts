import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService, type Environment } from '@unfurl/config';
import Redis from 'ioredis';

/** Counts one hit in the current window and sets the window's expiry on its first hit, atomically. */
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return count`;

const WINDOW_MS = 60_000;

export interface RateDecision {
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
  private failing = false;

  constructor(config: ConfigService<Environment, true>) {
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

  /** One hit for `subject` against `limit` per minute; null when Redis could not say (fail open). */
  async hit(subject: string, limit: number): Promise<RateDecision | null> {
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
