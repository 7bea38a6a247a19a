import { HttpException } from '@nestjs/common';
import { problemOf, type Problem, type ProblemCode } from './problem';

export interface ProblemOptions {
  /** Seconds to send in Retry-After (503, 429). */
  retryAfterSeconds?: number;
  /** Headers that belong to this answer, such as a 401's WWW-Authenticate challenge. */
  headers?: Record<string, string>;
  /** Extra members of the problem body (a batch's list of bad URLs). */
  extensions?: Record<string, unknown>;
}

/** Throw anywhere in a request; ProblemFilter answers it. Status and title come from PROBLEMS. */
export class ProblemException extends HttpException {
  /** Response headers to send with the problem (Retry-After included). */
  readonly headers: Record<string, string>;

  constructor(code: ProblemCode, detail?: string, options: ProblemOptions = {}) {
    const problem = problemOf(code, detail, options.extensions);
    super(problem, problem.status);
    this.headers = { ...options.headers, ...(options.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(options.retryAfterSeconds) }) };
  }

  get problem(): Problem {
    return this.getResponse() as Problem;
  }
}
