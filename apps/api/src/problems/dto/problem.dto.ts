import { ApiProperty } from '@nestjs/swagger';
import { ProblemCode } from '../problem';

/** An RFC 9457 problem details object (application/problem+json), with Unfurl's stable `code`. */
export class ProblemDto {
  /**
   * A URI naming the problem type, derived from the code.
   * @example https://unfurl.dev/problems/invalid-url
   */
  type: string;
  /**
   * The code's short, fixed title.
   * @example Invalid URL
   */
  title: string;
  /**
   * The HTTP status of the answer.
   * @example 400
   */
  status: number;
  /** Stable code: branch on this, never on the title or detail. */
  @ApiProperty({ enum: ProblemCode, enumName: 'ProblemCode', example: ProblemCode.InvalidUrl })
  code: ProblemCode;
  /**
   * What went wrong with this request, for people.
   * @example not an absolute URL
   */
  detail?: string;
  instance?: string;
  /** VALIDATION_FAILED: one message per bad field; INVALID_BATCH: `{ index, code, detail }` per bad URL. */
  @ApiProperty({ required: false, type: 'array', items: {} })
  errors?: unknown[];
}
