import type { RenderMode } from '@unfurl/contracts';

export interface StaticRead {
  /** The static page looks like a shell its scripts fill in (looksLikeScriptShell). */
  scriptShell: boolean;
  /** MIME type the page was served with: only HTML pages are rendered. */
  contentType: string | null;
}

/**
 * Whether a page read statically goes on to the renderer: `never` never, `always` every HTML page,
 * `auto` a script shell, or any HTML page when a screenshot was asked for (only a browser takes one).
 */
export function wantsRender(mode: RenderMode, page: StaticRead, screenshot: boolean): boolean {
  const html = page.contentType === 'text/html' || page.contentType === 'application/xhtml+xml';
  if (mode === 'never' || !html) return false;
  return mode === 'always' || page.scriptShell || screenshot;
}
