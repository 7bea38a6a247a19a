import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PRINCIPAL, type RequestWithPrincipal } from './api-key-principal';
import { isPublicRoute } from './public.decorator';
import { RateLimiterService } from './rate-limiter.service';

/** Global, after ApiKeyGuard: counts the request against its caller's limit (RateLimiterService.check). */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly limiter: RateLimiterService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (isPublicRoute(this.reflector, context)) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & RequestWithPrincipal>();
    const { headers, refusal } = await this.limiter.check(request[PRINCIPAL], request.ip);
    void http.getResponse<FastifyReply>().headers(headers);
    if (refusal) throw refusal;
    return true;
  }
}
