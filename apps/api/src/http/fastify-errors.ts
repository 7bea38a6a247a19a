import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Socket } from 'node:net';
import { problemOf, ProblemCode, type Problem } from '../problems/problem';
import { sendProblem } from '../problems/send-problem';

/**
 * Errors Fastify raises before any route runs, answered as problems rather than Fastify's own JSON:
 * a path that is not valid percent-encoding, a path parameter over the router's length limit.
 */
export function frameworkError(error: { code?: string }, _request: FastifyRequest, reply: FastifyReply): void {
  const problem =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? problemOf(ProblemCode.UriTooLong, 'a path segment is longer than any id')
      : problemOf(ProblemCode.MalformedRequest, 'the request path is not valid percent-encoding');
  void sendProblem(reply, problem);
}

/** Node's HTTP parser errors by code: the request never became one Fastify could answer. */
const CLIENT_ERRORS: Record<string, Problem> = {
  HPE_HEADER_OVERFLOW: problemOf(ProblemCode.HeadersTooLarge, 'the request line and headers exceed the server limit'),
  ERR_HTTP_REQUEST_TIMEOUT: problemOf(ProblemCode.RequestTimeout, 'the request did not arrive in time'),
};

/**
 * Answers a request Node's HTTP parser refused (malformed request line, headers too large,
 * timeout) on the raw socket, with the same problem body the API writes everywhere else.
 */
export function clientError(error: Error & { code?: string; rawPacket?: unknown }, socket: Socket): void {
  if (!socket.writable || (error.code === 'ECONNRESET' && !error.rawPacket)) {
    socket.destroy();
    return;
  }
  const problem = CLIENT_ERRORS[error.code ?? ''] ?? problemOf(ProblemCode.MalformedRequest, 'the request could not be parsed as HTTP/1.1');
  const body = JSON.stringify(problem);
  socket.end(`HTTP/1.1 ${problem.status} ${problem.title}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}
