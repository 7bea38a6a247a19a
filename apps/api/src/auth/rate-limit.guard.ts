import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ConfigService, type Environment } from '@unfurl/config';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemCode } from '../problems/problem';
import { ProblemException } from '../problems/problem.exception';
import { PRINCIPAL, type RequestWithPrincipal } from './api-key-principal';
import { isPublicRoute } from './public.decorator';
import { RateLimiterService } from './rate-limiter.service';

/** Global, after ApiKeyGuard: a per-key limit (the key's own or RATE_LIMIT_PER_MINUTE), per IP without a key. */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly keyLimit: number;
  private readonly anonymousLimit: number;

  constructor(
    private readonly limiter: RateLimiterService,
    private readonly reflector: Reflector,
    config: ConfigService<Environment, true>,
  ) {
    this.keyLimit = config.get('RATE_LIMIT_PER_MINUTE', { infer: true });
    this.anonymousLimit = config.get('ANONYMOUS_RATE_LIMIT_PER_MINUTE', { infer: true });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (isPublicRoute(this.reflector, context)) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & RequestWithPrincipal>();
    const principal = request[PRINCIPAL];
    const [subject, limit] = principal ? [`key:${principal.id}`, principal.rateLimitPerMinute ?? this.keyLimit] : [`ip:${request.ip}`, this.anonymousLimit];
    if (limit <= 0) return true;
    const decision = await this.limiter.hit(subject, limit);
    if (!decision) return true;
    void http
      .getResponse<FastifyReply>()
      .header('RateLimit-Limit', String(decision.limit))
      .header('RateLimit-Remaining', String(decision.remaining))
      .header('RateLimit-Reset', String(decision.resetSeconds));
    if (decision.allowed) return true;
    throw new ProblemException(ProblemCode.RateLimited, `at most ${limit} requests per minute`, { retryAfterSeconds: decision.resetSeconds });
  }
}
