import { orderPreviewMetadata, type PreviewMetadata } from './preview-metadata';
import type { PreviewStatus } from './preview-status';

/** The preview as clients see it: the API's answers and the webhook payloads, one shape for both, keys in one order. */
export interface PreviewResource {
  id: string;
  url: string;
  status: PreviewStatus;
  data: PreviewMetadata | null;
  error: { code: string; message: string } | null;
  fetchedAt: string | null;
  expiresAt: string | null;
}

/** What a stored preview holds that its public form is made of (the database's PreviewEntity has it). */
export interface StoredPreview {
  id: string;
  url: string;
  status: PreviewStatus;
  data: PreviewMetadata | null;
  errorCode: string | null;
  errorMessage: string | null;
  fetchedAt: Date | null;
  expiresAt: Date | null;
}

export function toPreviewResource(preview: StoredPreview): PreviewResource {
  return {
    id: preview.id,
    url: preview.url,
    status: preview.status,
    data: preview.data ? orderPreviewMetadata(preview.data) : null,
    error: preview.errorCode ? { code: preview.errorCode, message: preview.errorMessage ?? '' } : null,
    fetchedAt: preview.fetchedAt?.toISOString() ?? null,
    expiresAt: preview.expiresAt?.toISOString() ?? null,
  };
}
