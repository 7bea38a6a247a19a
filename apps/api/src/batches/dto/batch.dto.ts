import { PreviewDto } from '../../previews/dto/preview.dto';

export class BatchItemDto {
  /** Index of the URL in the request, from 0. */
  position: number;
  /** The URL as it was sent. */
  url: string;
  /** Its preview (the same id for every spelling of one URL); null only if the preview was purged. */
  preview: PreviewDto | null;
}

/** A batch of previews and its progress: pending + ready + failed = total. */
export class BatchDto {
  /** UUID. */
  id: string;
  /** ISO 8601. */
  createdAt: string;
  total: number;
  pending: number;
  ready: number;
  failed: number;
  items: BatchItemDto[];
}
