import { PreviewErrorCode } from '@unfurl/contracts';

/** Worth another attempt: the same request may well succeed in a moment. */
export function isTransient(code: string): boolean {
  if (code === PreviewErrorCode.UpstreamTimeout || code === PreviewErrorCode.UpstreamUnreachable) return true;
  const status = /^UPSTREAM_HTTP_(\d{3})$/.exec(code)?.[1];
  return status !== undefined && (status === '429' || status === '408' || status.startsWith('5'));
}

/** The stable code and message of whatever a step threw. */
export function describeFailure(error: unknown): { code: string; message: string } {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (typeof code === 'string' && /^[A-Z][A-Z0-9_]+$/.test(code)) return { code, message };
  return { code: PreviewErrorCode.Internal, message };
}
