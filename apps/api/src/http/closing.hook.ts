import type { FastifyInstance } from 'fastify';
import { problemOf, ProblemCode } from '../problems/problem';
import { sendProblem } from '../problems/send-problem';

/**
 * While the API closes (SIGTERM), a request that still arrives, on a connection kept alive or
 * pipelined, is answered 503 NOT_READY as problem+json with Retry-After (and Connection: close,
 * which Fastify adds), so that its client or balancer goes to another instance; the requests
 * already in flight finish. Fastify's own answer for this case (return503OnClosing) is a bare
 * JSON body, so the adapter turns it off (createApiApp).
 */
export function installClosingAnswer(fastify: FastifyInstance, retryAfterSeconds: number): void {
  const retryAfter = { 'Retry-After': String(retryAfterSeconds) };
  const problem = problemOf(ProblemCode.NotReady, 'this instance is shutting down; try again, another one will answer');
  let closing = false;
  fastify.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  fastify.addHook('onRequest', (_request, reply, done) => {
    if (!closing) return done();
    void sendProblem(reply, problem, retryAfter);
  });
}
