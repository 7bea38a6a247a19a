import 'reflect-metadata';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { availableParallelism } from 'node:os';
import { MAX_URL_LENGTH as DEFAULT_MAX_URL_LENGTH } from '@unfurl/contracts';

const toBoolean = ({ value }: { value: unknown }) => (typeof value === 'string' ? ['true', '1', 'yes'].includes(value.toLowerCase()) : value);

/** An integer variable from `min` (to `max`): the environment's string is made a Number, then checked. */
function Integer(min: number, max?: number): PropertyDecorator {
  const decorators = [Type(() => Number), IsInt(), Min(min), ...(max === undefined ? [] : [Max(max)])];
  // Applied last to first, as stacked decorators are, so the checks run in the order they are written.
  return (target, key) => decorators.toReversed().forEach((decorate) => decorate(target, key));
}

/**
 * Every variable either app reads, with its default. Validated once at start-up: a bad or
 * missing value stops the process with a message naming the variable.
 */
export class Environment {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @Integer(0, 65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL: string;

  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prefix of every Bull key in Redis, so several deployments can share one Redis. */
  @IsString() @Matches(/^[a-z0-9:_-]+$/i)
  QUEUE_PREFIX = 'unfurl';

  /** How long a ready preview is served as fresh; after that it is served stale and refreshed. */
  @Integer(1)
  PREVIEW_TTL_SECONDS = 86_400;

  /** How long a failed preview is cached before the URL is tried again. */
  @Integer(1)
  FAILURE_TTL_SECONDS = 300;

  /** A preview is fetched again for `force=true` at most once per this many seconds; beyond that the stored one is served. */
  @Integer(0)
  FORCE_MIN_INTERVAL_SECONDS = 60;

  /** Upper bound of the `wait` parameter. */
  @Integer(0, 60_000)
  WAIT_MAX_MS = 10_000;

  /** Retry-After sent with 202 and 503 answers. */
  @Integer(1)
  RETRY_AFTER_SECONDS = 1;

  @Integer(16, 16_384)
  MAX_URL_LENGTH = DEFAULT_MAX_URL_LENGTH;

  @Integer(100)
  FETCH_TIMEOUT_MS = 10_000;

  @Integer(100)
  FETCH_CONNECT_TIMEOUT_MS = 3_000;

  @Integer(0, 20)
  FETCH_MAX_REDIRECTS = 5;

  @Integer(1024)
  FETCH_MAX_BYTES = 5 * 1024 * 1024;

  /** Lets the worker fetch loopback and private addresses: for local development and tests only. */
  @Transform(toBoolean) @IsBoolean()
  FETCH_ALLOW_PRIVATE_ADDRESSES = false;

  /** Comma-separated ports outbound fetches may use (ignored when private addresses are allowed). */
  @Matches(/^\d+(,\d+)*$/, { message: 'FETCH_ALLOWED_PORTS must be a comma-separated list of ports' })
  FETCH_ALLOWED_PORTS = '80,443,8080,8443';

  @IsString()
  FETCH_USER_AGENT = 'UnfurlBot/0.1 (+https://github.com/unfurl/unfurl)';

  /** Path of a YAML or JSON file of per-site rules (README: "Per-site rules"), loaded at start by both apps. */
  @IsOptional() @IsString()
  SITE_RULES?: string;

  /** Whether the worker honours robots.txt (RFC 9309) for its user agent; off, as for links a person shared. */
  @Transform(toBoolean) @IsBoolean()
  RESPECT_ROBOTS_TXT = false;

  /** How long a host's robots.txt is kept by each worker process. */
  @Type(() => Number) @IsInt() @Min(1)
  ROBOTS_TXT_TTL_SECONDS = 3_600;

  /** Jobs in flight per worker process: I/O concurrency, mostly waiting on the network. */
  @Integer(1, 1024)
  WORKER_CONCURRENCY = 64;

  /** Simultaneous fetches per host from one worker process, to stay polite to any one site. */
  @Integer(1, 1024)
  FETCH_PER_HOST_CONCURRENCY = 8;

  /** Consecutive timeouts or refusals from one host that open its breaker: its jobs then fail at once with HOST_UNAVAILABLE. */
  @Integer(1, 1000)
  HOST_BREAKER_FAILURES = 5;

  /** How long an open host breaker stays open before one probe is let through; doubles on a failed probe, up to 5 minutes. */
  @Integer(100)
  HOST_BREAKER_COOLDOWN_MS = 30_000;

  /** One preview job attempt's work deadline: its fetches and extraction are aborted then. */
  @Integer(1_000)
  PREVIEW_JOB_DEADLINE_MS = 60_000;

  /** Extraction threads per worker process: CPU concurrency. */
  @Integer(1, 256)
  EXTRACT_THREADS = availableParallelism();

  /** A task running longer is stopped by terminating its thread. */
  @Integer(100)
  EXTRACT_TIMEOUT_MS = 5_000;

  /** Port of the worker's small health listener; 0 turns it off. */
  @Integer(0, 65535)
  WORKER_HEALTH_PORT = 3001;

  /** When set, the worker's /metrics needs `Authorization: Bearer <METRICS_TOKEN>`. */
  @IsOptional() @IsString()
  METRICS_TOKEN?: string;

  /** Pending previews older than this whose job is gone are queued again. */
  @Integer(1)
  RECONCILE_AFTER_SECONDS = 30;

  @IsOptional() @IsString()
  PUBLIC_BASE_URL?: string;

  /** API processes sharing the port through node:cluster: `auto` (one per CPU) or a number; 1 means no cluster. */
  @Matches(/^(auto|[1-9]\d{0,2})$/, { message: 'API_PROCESSES must be auto or a number from 1' })
  API_PROCESSES = '1';

  /**
   * Proxies whose X-Forwarded-For is believed (per-IP rate limits key on the client address):
   * unset = none, `true` = any, or comma-separated addresses/CIDRs.
   */
  @IsOptional() @IsString()
  TRUST_PROXY?: string;

  /** The API answers 503 OVERLOADED (health and metrics excepted) while its event-loop delay exceeds this. */
  @Integer(1)
  LOAD_SHED_EVENT_LOOP_DELAY_MS = 200;

  /**
   * Whether every /v1 request needs `Authorization: Bearer <api key>`. Unset means: required when
   * NODE_ENV=production, optional otherwise (anonymous callers are then rate-limited per IP).
   * Health endpoints and the OpenAPI docs are always public; admin surfaces always need an admin key.
   */
  @IsOptional() @Transform(toBoolean) @IsBoolean()
  AUTH_REQUIRED: boolean | undefined = undefined;

  /** How long a key lookup is cached in each API process: the upper bound on how late a revocation bites. */
  @Integer(0, 300)
  API_KEY_CACHE_SECONDS = 5;

  /** Requests per minute per API key, unless the key has its own limit; 0 turns the limit off. */
  @Integer(0)
  RATE_LIMIT_PER_MINUTE = 600;

  /** Requests per minute per client IP without a key (only possible when AUTH_REQUIRED is false); 0 turns it off. */
  @Integer(0)
  ANONYMOUS_RATE_LIMIT_PER_MINUTE = 300;

  /**
   * Secret that signs webhook deliveries (Unfurl-Signature header). Unset: requests that carry a
   * callbackUrl are refused with 400 WEBHOOKS_DISABLED, since an unsigned callback cannot be trusted.
   */
  @IsOptional() @IsString() @MinLength(16, { message: 'WEBHOOK_SECRET must be at least 16 characters' })
  WEBHOOK_SECRET: string | undefined = undefined;

  /** Deadline of one webhook delivery attempt (connect, send, answer). */
  @Integer(100, 60_000)
  WEBHOOK_TIMEOUT_MS = 5_000;

  /** Most URLs one `POST /v1/batches` may carry. */
  @Integer(1, 10_000)
  BATCH_MAX_URLS = 100;

  /** Seconds between heartbeat comments on a preview's event stream, so proxies keep it open. */
  @Integer(1, 3_600)
  SSE_HEARTBEAT_SECONDS = 15;

  /** Upper bound of `Cache-Control: max-age` on ready previews, whatever their expiry. */
  @Integer(0)
  CACHE_MAX_AGE_SECONDS = 3_600;

  /**
   * Megabytes of ready and failed previews each API process keeps in memory, already serialised,
   * to answer repeated reads without PostgreSQL; 0 turns the hot cache off.
   */
  @Integer(0, 65_536)
  HOT_CACHE_MB = 64;

  /** Comma-separated origins browsers may call the API from (`*` for any); empty: no CORS headers. */
  @IsString()
  CORS_ORIGINS = '';

  /**
   * A renderer app (apps/renderer) consumes the render queue: the worker escalates pages to it
   * (`render=auto|always`). Off, every page is read statically, so no preview waits on a renderer
   * that is not there. `npm start` turns it on when Chromium is installed.
   */
  @Transform(toBoolean) @IsBoolean()
  RENDER_ENABLED = false;

  /** Chromium for the renderer: Debian's package by default (`apt-get install chromium`); never downloaded. */
  @IsString()
  CHROMIUM_PATH = '/usr/bin/chromium';

  /** Pages one renderer process renders at once (a browser tab each: CPU and memory). */
  @Integer(1, 64)
  RENDER_CONCURRENCY = 2;

  /** How long a page may take to go network-quiet; its DOM is taken at this deadline anyway. */
  @Integer(500, 120_000)
  RENDER_TIMEOUT_MS = 15_000;

  /** The renderer replaces its browser after this many pages (once they are done)... */
  @Integer(1)
  RENDER_MAX_PAGES_PER_BROWSER = 200;

  /** ...or once the RSS of its processes added up (shared pages counted in each; an idle browser shows ~0.5 GiB) passes this many MiB. */
  @Integer(64)
  RENDER_MAX_BROWSER_RSS_MB = 2_048;

  /** Bytes one rendered page may move (document, scripts, images, XHR, uploads). */
  @Integer(1024)
  RENDER_MAX_BYTES = 20 * 1024 * 1024;

  /** Port of the renderer's small health and metrics listener; 0 turns it off. */
  @Integer(0, 65535)
  RENDERER_HEALTH_PORT = 3002;
}
