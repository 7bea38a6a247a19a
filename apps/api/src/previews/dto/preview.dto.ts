import { PreviewStatus } from '@unfurl/contracts';
import { PreviewErrorDto } from './preview-error.dto';
import { PreviewMetadataDto } from './preview-metadata.dto';

/** A preview: pending while the page is fetched, then ready (with data) or failed (with error). */
export class PreviewDto {
  /** Derived from the normalised URL: the same URL always has the same id. */
  id: string;
  /** The normalised URL. */
  url: string;
  status: PreviewStatus;
  data: PreviewMetadataDto | null;
  error: PreviewErrorDto | null;
  /** ISO 8601; when the page was last fetched. */
  fetchedAt: string | null;
  /** ISO 8601; after this the preview is refreshed (ready) or retried (failed). */
  expiresAt: string | null;
}
