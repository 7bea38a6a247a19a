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

/**
 * The problem an error stands for: a ProblemException's own, Nest's HTTP exceptions by status, a
 * lost PostgreSQL as DATABASE_UNAVAILABLE, anything else as a bare INTERNAL (logged here, never
 * shown). For every public answer of errors: the filter's, and an event stream's last event.
 */
export function problemFor(error: unknown, logger: Logger): Problem {
  if (error instanceof ProblemException) return error.problem;
  if (error instanceof HttpException) return fromHttpException(error);
  if (isDatabaseUnavailable(error)) return problemOf(ProblemCode.DatabaseUnavailable, 'PostgreSQL is not reachable; try again shortly');
  logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  return problemOf(ProblemCode.Internal);
}

/** Turns every error into RFC 9457 application/problem+json. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemFilter.name);
  private readonly retryAfter: Record<string, string>;

  constructor(retryAfterSeconds: number) {
    this.retryAfter = { 'Retry-After': String(retryAfterSeconds) };
  }

  catch(error: unknown, host: ArgumentsHost): void {
    const problem = problemFor(error, this.logger);
    // A ProblemException says its own headers; any other 503 (not ready, PostgreSQL away) asks to come back later.
    const headers = error instanceof ProblemException ? error.headers : problem.status === 503 ? this.retryAfter : undefined;
    void sendProblem(host.switchToHttp().getResponse<FastifyReply>(), problem, headers);
  }
}

/** Keeps the exception's own status; statuses without a code of their own fall back to a generic one. */
function fromHttpException(error: HttpException): Problem {
  const status = error.getStatus();
  const problem = codeByStatus[status] ? problemOf(codeByStatus[status]) : generic(status, error.name);
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
function generic(status: number, name: string): Problem {
  const code = status >= 500 ? ProblemCode.Internal : ProblemCode.ValidationFailed;
  const title = HttpStatus[status] ? HttpStatus[status].toLowerCase().replaceAll('_', ' ') : name;
  return { type: problemType(code), title: title.charAt(0).toUpperCase() + title.slice(1), status, code };
}
