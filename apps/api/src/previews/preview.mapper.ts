import { toPreviewResource } from '@unfurl/contracts';
import type { PreviewEntity } from '@unfurl/database';
import type { PreviewDto } from './dto/preview.dto';

/** A stored preview as the API answers it: the contract's preview resource, the same shape the worker POSTs to callbacks. */
export function toPreviewDto(row: PreviewEntity): PreviewDto {
  return toPreviewResource(row);
}
