/** What the worker posts to the extraction thread pool for one fetched response. */
export interface ExtractTask {
  body: Uint8Array;
  url: string;
  /** The raw HTTP Content-Type header. */
  contentType: string | null;
}
