export { decodeHtml, sniffEncoding } from './charset';
export { ExtractError } from './extract-error';
export { extractPage, type ExtractInput, type ExtractResult } from './extract-page';
export type { ExtractOutcome, ExtractTask } from './extract-task';
export { extractWorkerFile } from './extract-worker-file';
export { sniffImageSize, sniffImageType, type ImageSize } from './image-size';
export { providerOembedUrl } from './oembed-providers';
export { looksLikeScriptShell } from './script-shell';
export { MAX_HTML_CHARS } from './limits';
