import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ProblemCode } from '../problems/problem';
import { ProblemException } from '../problems/problem.exception';
import { PRINCIPAL, type ApiKeyPrincipal, type RequestWithPrincipal } from './api-key-principal';
import { ApiKeyService, unauthorized } from './api-key.service';

/**
 * Admin surfaces (queue dashboard, metrics, …) need an admin API key ALWAYS, even when
 * AUTH_REQUIRED=false: no key -> 401 UNAUTHORIZED (+ WWW-Authenticate: Bearer), a non-admin key
 * -> 403 FORBIDDEN.
 *
 * - Nest controllers: import AuthModule and put `@UseGuards(AdminGuard)` on the controller or route.
 * - Routes Nest does not route (a Fastify plugin such as bull-board): in an `onRequest` hook, call
 *   `await app.get(AdminGuard).authorize(request.headers.authorization)` and on a ProblemException
 *   answer with `sendProblem(reply, error.problem, error.headers)` (see QueueDashboardAuth).
 */
@Injectable()
export class AdminGuard implements CanActivate {
  constructor(private readonly keys: ApiKeyService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest & RequestWithPrincipal>();
    // ApiKeyGuard (global) has usually authenticated already; reuse its answer.
    const known = request[PRINCIPAL];
    request[PRINCIPAL] = known ? this.requireAdmin(known) : await this.authorize(request.headers.authorization);
    return true;
  }

  /** The admin principal for this Authorization header; throws a 401 or 403 ProblemException. */
  async authorize(authorization: string | undefined): Promise<ApiKeyPrincipal> {
    const principal = await this.keys.authenticate(authorization);
    if (!principal) throw unauthorized('this endpoint needs an admin API key');
    return this.requireAdmin(principal);
  }

  private requireAdmin(principal: ApiKeyPrincipal): ApiKeyPrincipal {
    if (!principal.isAdmin) throw new ProblemException(ProblemCode.Forbidden, 'this endpoint needs an admin API key');
    return principal;
  }
}
