import { toPreviewResource, type PreviewEntity } from '@unfurl/database';
import type { PreviewDto } from './dto/preview.dto';

/** The same shape the worker POSTs to callbacks. */
export function toPreviewDto(row: PreviewEntity): PreviewDto {
  return toPreviewResource(row);
}
