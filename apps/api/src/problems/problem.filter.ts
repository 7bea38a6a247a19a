import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { problemType, ProblemCode, type Problem } from './problem';
import { ProblemException } from './problem.exception';

const codeByStatus: Record<number, ProblemCode> = {
  400: ProblemCode.ValidationFailed,
  404: ProblemCode.NotFound,
  405: ProblemCode.MethodNotAllowed,
  415: ProblemCode.UnsupportedMediaType,
  503: ProblemCode.NotReady,
};

/** Members a problem defines itself; an exception body must not overwrite them. */
const RESERVED = new Set(['type', 'title', 'status', 'code', 'detail', 'instance', 'statusCode']);

/** Errors of the pg driver and pool that mean "PostgreSQL is not there right now". */
function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: string }).code ?? '';
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08003', '08006'].includes(code) ||
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection refused/i.test(error.message)
  );
}

/** Turns every error into RFC 9457 application/problem+json. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemFilter.name);

  constructor(private readonly retryAfterSeconds: number) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const { problem, retryAfter } = this.toProblem(error);
    problem.instance = request.url;
    if (retryAfter !== undefined) void reply.header('Retry-After', String(retryAfter));
    void reply.status(problem.status).header('Content-Type', 'application/problem+json').send(problem);
  }

  private toProblem(error: unknown): { problem: Problem; retryAfter?: number } {
    if (error instanceof ProblemException) return { problem: { ...error.problem }, retryAfter: error.retryAfterSeconds };
    if (error instanceof HttpException) return { problem: this.fromHttpException(error), retryAfter: error.getStatus() === 503 ? this.retryAfterSeconds : undefined };
    if (isDatabaseUnavailable(error)) {
      const code = ProblemCode.DatabaseUnavailable;
      return { problem: { type: problemType(code), title: 'Database unavailable', status: 503, code, detail: 'PostgreSQL is not reachable; try again shortly' }, retryAfter: this.retryAfterSeconds };
    }
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    const code = ProblemCode.Internal;
    return { problem: { type: problemType(code), title: 'Internal server error', status: 500, code } };
  }

  private fromHttpException(error: HttpException): Problem {
    const status = error.getStatus();
    const code = codeByStatus[status] ?? (status >= 500 ? ProblemCode.Internal : ProblemCode.ValidationFailed);
    const body = error.getResponse();
    const title = HttpStatus[status] ? HttpStatus[status].toLowerCase().replaceAll('_', ' ') : error.name;
    const problem: Problem = { type: problemType(code), title: title.charAt(0).toUpperCase() + title.slice(1), status, code };
    if (typeof body === 'object' && body !== null) {
      const { message, ...rest } = body as { message?: unknown; error?: unknown; statusCode?: unknown };
      if (Array.isArray(message)) problem.errors = message;
      else if (typeof message === 'string') problem.detail = message;
      for (const [key, value] of Object.entries(rest)) {
        // Nest's own { error: 'Bad Request' } repeats the title; structured extras (health details) are kept.
        if (!RESERVED.has(key) && !(key === 'error' && typeof value === 'string')) problem[key] = value;
      }
    } else if (typeof body === 'string') {
      problem.detail = body;
    }
    return problem;
  }
}
