import type { PreviewEntity } from '@unfurl/database';
import type { PreviewDto } from './dto/preview.dto';

export function toPreviewDto(row: PreviewEntity): PreviewDto {
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
