import { PreviewErrorCode } from '@unfurl/contracts';

/** An expected extraction failure; `code` becomes the failed preview's stable error code. */
export class ExtractError extends Error {
  constructor(
    readonly code: PreviewErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ExtractError';
  }
}
