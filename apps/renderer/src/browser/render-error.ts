import { PreviewErrorCode } from '@unfurl/contracts';
import { FetchError } from '@unfurl/fetcher';

/** A render that produced no page, with a stable code (PreviewErrorCode) and a message for logs. */
export class RenderError extends Error {
  override readonly name = 'RenderError';

  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  static from(error: unknown): RenderError {
    if (error instanceof RenderError) return error;
    if (error instanceof FetchError) return new RenderError(error.code, error.message, { cause: error });
    return new RenderError(PreviewErrorCode.Internal, `rendering failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
