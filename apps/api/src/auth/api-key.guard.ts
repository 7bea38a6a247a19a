import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { PRINCIPAL, type RequestWithPrincipal } from './api-key-principal';
import { ApiKeyService } from './api-key.service';
import { isPublicRoute } from './public.decorator';

/** Global: authenticates `Authorization: Bearer <key>` on every route not marked @Public() (ApiKeyService.caller). */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly keys: ApiKeyService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (isPublicRoute(this.reflector, context)) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & RequestWithPrincipal>();
    request[PRINCIPAL] = await this.keys.caller(request.headers.authorization);
    return true;
  }
}
