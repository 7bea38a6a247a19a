import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AdminGuard } from '../auth/admin.guard';
import { ProblemException } from '../problems/problem.exception';
import { sendProblem } from '../problems/send-problem';

export const QUEUE_DASHBOARD_ROUTE = '/admin/queues';

const BASIC_CHALLENGE = 'Basic realm="Unfurl admin", charset="UTF-8"';

/**
 * Browsers cannot send a Bearer header when navigating, so the dashboard also takes the admin key
 * as the password of HTTP Basic auth (any user name): a 401 makes the browser ask for it.
 */
function asBearer(authorization: string | undefined): string | undefined {
  const basic = /^Basic[ \t]+(\S+)$/i.exec(authorization ?? '');
  if (!basic) return authorization;
  const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
  return `Bearer ${decoded.slice(decoded.indexOf(':') + 1)}`;
}

/**
 * bull-board is a Fastify plugin that Nest does not route, so Nest guards never see its requests:
 * an onRequest hook puts the AdminGuard in front of everything under the dashboard's path.
 */
@Injectable()
export class QueueDashboardAuth implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly guard: AdminGuard,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onRequest', (request, reply) => this.check(request, reply));
  }

  private async check(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const path = request.url.split('?')[0];
    if (path !== QUEUE_DASHBOARD_ROUTE && !path.startsWith(`${QUEUE_DASHBOARD_ROUTE}/`)) return;
    try {
      await this.guard.authorize(asBearer(request.headers.authorization));
    } catch (error) {
      if (!(error instanceof ProblemException)) throw error;
      // The Basic challenge replaces the API's Bearer one: it is what makes a browser ask for the key.
      const headers = { ...error.headers };
      if (headers['WWW-Authenticate']) headers['WWW-Authenticate'] = BASIC_CHALLENGE;
      await sendProblem(reply, error.problem, headers);
    }
  }
}
