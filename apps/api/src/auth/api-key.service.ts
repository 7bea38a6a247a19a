import { Injectable } from '@nestjs/common';
import { ConfigService, type Environment } from '@unfurl/config';
import { ApiKeyRepository, hashApiKey, isApiKeyShaped } from '@unfurl/database';
import { ProblemCode } from '../problems/problem';
import { ProblemException } from '../problems/problem.exception';
import type { ApiKeyPrincipal } from './api-key-principal';

/** Entries kept per process; beyond it the oldest go first (a flood of random keys cannot grow memory). */
const MAX_CACHED = 10_000;

/** A 401 with the challenge RFC 9110 requires, for every guard that throws it. */
export const unauthorized = (detail: string) => new ProblemException(ProblemCode.Unauthorized, detail, { headers: { 'WWW-Authenticate': 'Bearer' } });

/**
 * Turns an Authorization header into a principal. Lookups (hits and misses) are cached for
 * API_KEY_CACHE_SECONDS, so the hot cached-read path costs no extra query per request; a revoked
 * key therefore keeps working for at most that long in each API process.
 */
@Injectable()
export class ApiKeyService {
  private readonly cache = new Map<string, { until: number; lookup: Promise<ApiKeyPrincipal | null> }>();
  private readonly ttlMs: number;
  /** Whether a request without a key is refused (AUTH_REQUIRED, by default in production). */
  private readonly required: boolean;

  constructor(
    private readonly keys: ApiKeyRepository,
    config: ConfigService<Environment, true>,
  ) {
    this.ttlMs = config.get('API_KEY_CACHE_SECONDS', { infer: true }) * 1000;
    this.required = config.get('AUTH_REQUIRED', { infer: true }) ?? config.get('NODE_ENV', { infer: true }) === 'production';
  }

  /**
   * The caller behind an Authorization header: its principal, or null (anonymous) when keys are
   * optional. A key that is sent must be valid even then (a typo should not silently become
   * anonymous); throws 401 otherwise.
   */
  async caller(authorization: string | undefined): Promise<ApiKeyPrincipal | null> {
    const principal = await this.authenticate(authorization);
    if (!principal && this.required) throw unauthorized('this API needs a key: send "Authorization: Bearer <key>"');
    return principal ?? null;
  }

  /** undefined when no credentials were sent; the principal for a valid key; throws 401 otherwise. */
  async authenticate(authorization: string | undefined): Promise<ApiKeyPrincipal | undefined> {
    if (authorization === undefined || authorization === '') return undefined;
    const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization);
    if (!match) throw unauthorized('send the API key as "Authorization: Bearer <key>"');
    const key = match[1];
    const principal = isApiKeyShaped(key) ? await this.lookup(hashApiKey(key)) : null;
    if (!principal) throw unauthorized('the API key is unknown or revoked');
    return principal;
  }

  private lookup(keyHash: string): Promise<ApiKeyPrincipal | null> {
    const now = Date.now();
    const cached = this.cache.get(keyHash);
    if (cached && cached.until > now) return cached.lookup;
    // Concurrent requests with one key share one query; a failed query is not cached.
    const lookup = this.keys.findActiveByHash(keyHash).then((row) =>
      row ? { id: row.id, prefix: row.prefix, isAdmin: row.isAdmin, rateLimitPerMinute: row.rateLimitPerMinute } : null,
    );
    lookup.catch(() => this.cache.delete(keyHash));
    if (this.ttlMs > 0) {
      this.cache.delete(keyHash);
      if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(keyHash, { until: now + this.ttlMs, lookup });
    }
    return lookup;
  }
}
