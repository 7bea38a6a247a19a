import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ConfigService, type Environment } from '@unfurl/config';
import type { FastifyRequest } from 'fastify';
import { PRINCIPAL, type RequestWithPrincipal } from './api-key-principal';
import { ApiKeyService, unauthorized } from './api-key.service';
import { isPublicRoute } from './public.decorator';

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
    if (isPublicRoute(this.reflector, context)) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & RequestWithPrincipal>();
    const principal = await this.keys.authenticate(request.headers.authorization);
    if (!principal && this.required) throw unauthorized('this API needs a key: send "Authorization: Bearer <key>"');
    request[PRINCIPAL] = principal ?? null;
    return true;
  }
}
