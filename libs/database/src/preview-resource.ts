import type { PreviewMetadata } from '@unfurl/contracts';
import type { PreviewStatus } from '@unfurl/contracts';
import type { PreviewEntity } from './preview.entity';

/** The preview as clients see it: the API's answers and the webhook payloads. */
export interface PreviewResource {
  id: string;
  url: string;
  status: PreviewStatus;
  data: PreviewMetadata | null;
  error: { code: string; message: string } | null;
  fetchedAt: string | null;
  expiresAt: string | null;
}

export function toPreviewResource(row: PreviewEntity): PreviewResource {
  return {
    id: row.id,
    url: row.url,
    status: row.status,
    data: row.data,
    error: row.errorCode ? { code: row.errorCode, message: row.errorMessage ?? '' } : null,
    fetchedAt: row.fetchedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
  };
}
