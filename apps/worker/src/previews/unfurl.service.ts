import { Injectable, Logger } from '@nestjs/common';
import { ConfigService, type Environment } from '@unfurl/config';
import { PreviewErrorCode, type UnfurlJobData, type UnfurlJobResult } from '@unfurl/contracts';
import { PreviewRepository } from '@unfurl/database';
import { FetcherService } from '@unfurl/fetcher';
import { ExtractionPool } from '../extraction/extraction-pool';
import { describeFailure, isTransient } from './failure';
import { HostLimiter } from './host-limiter';
import { OEmbedService } from './oembed.service';

const ACCEPT = 'text/html,application/xhtml+xml;q=0.9,image/*;q=0.8,video/*;q=0.5,audio/*;q=0.5,application/pdf;q=0.5,*/*;q=0.1';

/** One preview: fetch (async I/O) -> extract (thread pool) -> store. */
@Injectable()
export class UnfurlService {
  private readonly logger = new Logger(UnfurlService.name);

  constructor(
    private readonly fetcher: FetcherService,
    private readonly pool: ExtractionPool,
    private readonly oembed: OEmbedService,
    private readonly previews: PreviewRepository,
    private readonly config: ConfigService<Environment, true>,
    private readonly hosts: HostLimiter,
  ) {}

  /**
   * Transient failures are rethrown for Bull to retry while attempts remain; every other outcome,
   * the last attempt's failure included, is written to the row and ends the job normally.
   */
  async unfurl(job: UnfurlJobData, isLastAttempt: boolean): Promise<UnfurlJobResult> {
    try {
      const page = await this.hosts.run(job.url, () => this.fetcher.fetch(job.url, { accept: ACCEPT, headers: job.lang ? { 'accept-language': job.lang } : {} }));
      const { metadata, oembedUrl } = await this.pool.extract({ body: new Uint8Array(page.body), url: page.finalUrl, contentType: page.contentType });
      if (oembedUrl) metadata.oembed = await this.oembed.fetch(oembedUrl);
      await this.previews.markReady(job.id, metadata, this.config.get('PREVIEW_TTL_SECONDS', { infer: true }));
      this.logger.log({ msg: 'preview ready' });
      return { id: job.id, status: 'ready' };
    } catch (error) {
      const { code, message, detail } = describeFailure(error);
      if (isTransient(code) && !isLastAttempt) throw error;
      if (code === PreviewErrorCode.Internal) this.logger.error({ msg: 'preview failed', code, detail, stack: error instanceof Error ? error.stack : undefined });
      else this.logger.log({ msg: 'preview failed', code, detail });
      await this.previews.markFailed(job.id, code, message, this.config.get('FAILURE_TTL_SECONDS', { infer: true }));
      return { id: job.id, status: 'failed' };
    }
  }
}
