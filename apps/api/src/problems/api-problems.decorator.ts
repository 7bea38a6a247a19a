import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ProblemDto } from './dto/problem.dto';
import { PROBLEMS, ProblemCode } from './problem';

/** Problems any authenticated, rate-limited route can answer (the guards, load shedding, PostgreSQL). */
const EVERY_ROUTE = [ProblemCode.Unauthorized, ProblemCode.RateLimited, ProblemCode.Overloaded, ProblemCode.DatabaseUnavailable, ProblemCode.Internal];

/**
 * Documents the problem+json answers of an operation, one response per status, each naming its
 * codes; the problems of every route are added. The codes' statuses come from the PROBLEMS table.
 */
export function ApiProblems(...codes: ProblemCode[]): MethodDecorator {
  const byStatus = new Map<number, ProblemCode[]>();
  for (const code of new Set([...codes, ...EVERY_ROUTE])) {
    const { status } = PROBLEMS[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return applyDecorators(
    ApiExtraModels(ProblemDto),
    ...[...byStatus].map(([status, statusCodes]) =>
      ApiResponse({
        status,
        description: `Problem: ${statusCodes.map((code) => `${code} (${PROBLEMS[code].title})`).join(', ')}.`,
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
      }),
    ),
  );
}
