import type { FastifyReply } from 'fastify';
import type { Problem } from './problem';

/**
 * Answers with `problem` as application/problem+json, its instance being the request's URL. The one
 * writer of problems: Nest's exception filter, and the Fastify hooks that answer before Nest routes.
 */
export function sendProblem(reply: FastifyReply, problem: Problem, headers: Record<string, string> = {}): FastifyReply {
  return reply
    .status(problem.status)
    .headers({ ...headers, 'Content-Type': 'application/problem+json' })
    .send({ ...problem, instance: reply.request.url });
}
