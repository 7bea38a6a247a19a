import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { isDatabaseUnavailable } from './database-unavailable';
import { problemOf, problemType, ProblemCode, type Problem } from './problem';
import { ProblemException } from './problem.exception';
import { sendProblem } from './send-problem';

/** Nest's own HTTP exceptions (routing, validation, health) by status. */
const codeByStatus: Record<number, ProblemCode> = {
  400: ProblemCode.ValidationFailed,
  404: ProblemCode.NotFound,
  405: ProblemCode.MethodNotAllowed,
  408: ProblemCode.RequestTimeout,
  413: ProblemCode.PayloadTooLarge,
  414: ProblemCode.UriTooLong,
  415: ProblemCode.UnsupportedMediaType,
  431: ProblemCode.HeadersTooLarge,
  503: ProblemCode.NotReady,
};

/** Members a problem defines itself; an exception body must not overwrite them. */
const RESERVED = new Set(['type', 'title', 'status', 'code', 'detail', 'instance', 'statusCode']);

/** Turns every error into RFC 9457 application/problem+json. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemFilter.name);
  private readonly retryAfter: Record<string, string>;

  constructor(retryAfterSeconds: number) {
    this.retryAfter = { 'Retry-After': String(retryAfterSeconds) };
  }

  catch(error: unknown, host: ArgumentsHost): void {
    const { problem, headers } = this.toProblem(error);
    void sendProblem(host.switchToHttp().getResponse<FastifyReply>(), problem, headers);
  }

  private toProblem(error: unknown): { problem: Problem; headers?: Record<string, string> } {
    if (error instanceof ProblemException) return { problem: error.problem, headers: error.headers };
    if (error instanceof HttpException) return { problem: this.fromHttpException(error), headers: error.getStatus() === 503 ? this.retryAfter : undefined };
    if (isDatabaseUnavailable(error)) return { problem: problemOf(ProblemCode.DatabaseUnavailable, 'PostgreSQL is not reachable; try again shortly'), headers: this.retryAfter };
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return { problem: problemOf(ProblemCode.Internal) };
  }

  /** Keeps the exception's own status; statuses without a code of their own fall back to a generic one. */
  private fromHttpException(error: HttpException): Problem {
    const status = error.getStatus();
    const problem = codeByStatus[status] ? problemOf(codeByStatus[status]) : this.generic(status, error.name);
    const body = error.getResponse();
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

  /** A status no code stands for (413, 502, …): that status, its reason phrase, a generic code. */
  private generic(status: number, name: string): Problem {
    const code = status >= 500 ? ProblemCode.Internal : ProblemCode.ValidationFailed;
    const title = HttpStatus[status] ? HttpStatus[status].toLowerCase().replaceAll('_', ' ') : name;
    return { type: problemType(code), title: title.charAt(0).toUpperCase() + title.slice(1), status, code };
  }
}
