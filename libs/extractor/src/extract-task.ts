import type { PreviewErrorCode } from '@unfurl/contracts';

/** What the worker posts to the extraction thread pool for one fetched response. */
export interface ExtractTask {
  body: Uint8Array;
  url: string;
  /** The raw HTTP Content-Type header. */
  contentType: string | null;
}

/**
 * What the extraction thread answers. Failures travel as data: an error thrown across the thread
 * boundary arrives as a plain Error, without its code.
 */
export type ExtractOutcome = { ok: true; result: import('./extract-page').ExtractResult } | { ok: false; code: PreviewErrorCode; message: string };
