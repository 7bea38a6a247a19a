import { Injectable } from '@nestjs/common';
import { ConfigService, type Environment } from '@unfurl/config';
import { PreviewStatus } from '@unfurl/contracts';
import { BatchRepository, type StoredBatch } from '@unfurl/database';
import { randomUUID } from 'node:crypto';
import { toPreviewDto } from '../previews/preview.mapper';
import { PreviewsService } from '../previews/previews.service';
import { ProblemCode } from '../problems/problem';
import { ProblemException } from '../problems/problem.exception';
import type { BatchDto } from './dto/batch.dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Many previews in one request: each URL goes through the single-preview flow, the batch records them. */
@Injectable()
export class BatchesService {
  constructor(
    private readonly previews: PreviewsService,
    private readonly batches: BatchRepository,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  /**
   * All or nothing on input: every URL is checked before any is queued, so a client fixes its list
   * once instead of tracking which half of a batch exists.
   */
  async create(urls: string[], lang: string | undefined, requestId?: string): Promise<BatchDto> {
    const max = this.config.get('BATCH_MAX_URLS', { infer: true });
    if (urls.length > max) {
      throw new ProblemException(ProblemCode.BatchTooLarge, `a batch holds at most ${max} URLs; this one has ${urls.length}`);
    }
    const errors = urls.flatMap((url, index) => {
      try {
        this.previews.admit(url);
        return [];
      } catch (error) {
        if (!(error instanceof ProblemException)) throw error;
        return [{ index, code: error.problem.code, detail: error.problem.detail }];
      }
    });
    if (errors.length > 0) {
      throw new ProblemException(ProblemCode.InvalidBatch, `${errors.length} of ${urls.length} URLs are invalid; nothing was queued`, { extensions: { errors } });
    }
    const outcomes = await Promise.allSettled(urls.map((url) => this.previews.request(url, { lang }, requestId)));
    const failure = outcomes.find((outcome) => outcome.status === 'rejected');
    if (failure) throw failure.reason;
    const rows = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value.row] : []));
    const id = randomUUID();
    const createdAt = await this.batches.create(
      id,
      rows.map((row, position) => ({ url: urls[position], previewId: row.id })),
    );
    return toBatchDto({ id, createdAt, items: rows.map((row, position) => ({ position, url: urls[position], previewId: row.id, preview: row })) });
  }

  async findById(id: string): Promise<BatchDto> {
    if (!UUID.test(id)) throw new ProblemException(ProblemCode.BatchNotFound, 'not a batch id');
    const batch = await this.batches.findById(id);
    if (!batch) throw new ProblemException(ProblemCode.BatchNotFound, `no batch has id ${id}`);
    return toBatchDto(batch);
  }
}

function toBatchDto(batch: StoredBatch): BatchDto {
  const items = batch.items.map((item) => ({ position: item.position, url: item.url, preview: item.preview ? toPreviewDto(item.preview) : null }));
  const count = (status: PreviewStatus) => items.filter((item) => item.preview?.status === status).length;
  return {
    id: batch.id,
    createdAt: batch.createdAt.toISOString(),
    total: items.length,
    pending: count(PreviewStatus.Pending),
    ready: count(PreviewStatus.Ready),
    failed: count(PreviewStatus.Failed),
    items,
  };
}
