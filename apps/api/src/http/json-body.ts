import type { FastifyInstance } from 'fastify';
import { ProblemCode } from '../problems/problem';
import { ProblemException } from '../problems/problem.exception';

/** Deeper than any request body of this API needs; a bound keeps validation off deep recursion. */
export const MAX_JSON_DEPTH = 32;

/** Whether `text` nests objects or arrays deeper than `max`, found by one scan without parsing. */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return false;
}

/**
 * The API's one body parser (Nest's are off: `bodyParser: false`): Fastify's own JSON parser (prototype-poisoning checks included) behind a depth bound, and with
 * syntax errors answered as VALIDATION_FAILED problems (as they always were) instead of Fastify's error objects.
 */
export function installJsonBodyParser(fastify: FastifyInstance): void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  // JSON is the only body this API reads: anything else is a 415.
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
      done(new ProblemException(ProblemCode.ValidationFailed, `JSON nested deeper than ${MAX_JSON_DEPTH} levels`), undefined);
      return;
    }
    parse(request, text, (error, value) => done(error ? new ProblemException(ProblemCode.ValidationFailed, 'the body is not valid JSON') : null, value));
  });
}
