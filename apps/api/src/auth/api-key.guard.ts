import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ConfigService, type Environment } from '@unfurl/config';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemException } from '../problems/problem.exception';
import { PRINCIPAL, type RequestWithPrincipal } from './api-key-principal';
import { ApiKeyService, unauthorized } from './api-key.service';
import { IS_PUBLIC } from './public.decorator';

/**
 * Global: authenticates `Authorization: Bearer <key>` on every route not marked @Public(). A key
 * that is sent must be valid even when keys are optional (a typo should not silently become
 * anonymous); without one the request is anonymous, or 401 when AUTH_REQUIRED.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly required: boolean;

  constructor(
    private readonly keys: ApiKeyService,
    private readonly reflector: Reflector,
    config: ConfigService<Environment, true>,
  ) {
    this.required = config.get('AUTH_REQUIRED', { infer: true }) ?? config.get('NODE_ENV', { infer: true }) === 'production';
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & RequestWithPrincipal>();
    try {
      const principal = await this.keys.authenticate(request.headers.authorization);
      if (!principal && this.required) throw unauthorized('this API needs a key: send "Authorization: Bearer <key>"');
      request[PRINCIPAL] = principal ?? null;
      return true;
    } catch (error) {
      if (error instanceof ProblemException && error.getStatus() === 401) void http.getResponse<FastifyReply>().header('WWW-Authenticate', 'Bearer');
      throw error;
    }
  }
}
