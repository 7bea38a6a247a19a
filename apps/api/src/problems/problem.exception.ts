import { HttpException } from '@nestjs/common';
import { problemType, type Problem, type ProblemCode } from './problem';

export class ProblemException extends HttpException {
  constructor(
    status: number,
    code: ProblemCode,
    title: string,
    detail?: string,
    /** Seconds to send in Retry-After (503, 429). */
    readonly retryAfterSeconds?: number,
    extensions: Record<string, unknown> = {},
  ) {
    const problem: Problem = { type: problemType(code), title, status, code, ...(detail ? { detail } : {}), ...extensions };
    super(problem, status);
  }

  get problem(): Problem {
    return this.getResponse() as Problem;
  }
}
