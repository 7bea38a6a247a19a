import { Injectable, Logger } from '@nestjs/common';
import { ConfigService, SiteRules, type Environment } from '@unfurl/config';
import { PreviewErrorCode, type PreviewMetadata, type RenderedJobData, type UnfurlJobResult } from '@unfurl/contracts';
import { PreviewRepository, PreviewScreenshotRepository } from '@unfurl/database';
import { createHash } from 'node:crypto';
import { ExtractionError, ExtractionPool } from '../extraction/extraction-pool';
import { describeFailure } from './failure';
import { OEmbedService } from './oembed.service';
import { settledResult } from './settled-result';

const NOT_SETTLED = { code: PreviewErrorCode.UpstreamTimeout, message: 'the page did not finish rendering in time' };

/**
 * The renderer's answer for a preview: the rendered DOM goes through the same extraction threads as
 * a static page, then is stored; when rendering failed, or the page was still a script shell at the
 * renderer's deadline, the static read is stored instead with the reason in `data.renderError`.
 */
@Injectable()
export class RenderedService {
  private readonly logger = new Logger(RenderedService.name);

  constructor(
    private readonly pool: ExtractionPool,
    private readonly oembed: OEmbedService,
    private readonly previews: PreviewRepository,
    private readonly screenshots: PreviewScreenshotRepository,
    private readonly config: ConfigService<Environment, true>,
    private readonly rules: SiteRules,
  ) {}

  /** Database errors are thrown for Bull to retry; every other outcome stores a ready preview. */
  async store(job: RenderedJobData, signal: AbortSignal): Promise<UnfurlJobResult> {
    const read = await this.rendered(job, signal).catch((error: unknown) => {
      if (!(error instanceof ExtractionError)) throw error;
      return this.fallback(job, describeFailure(error));
    });
    const data = { ...read, screenshot: await this.storeScreenshot(job) };
    const written = await this.previews.markReady(job.id, data, this.rules.forUrl(job.url).ttlSeconds ?? this.config.get('PREVIEW_TTL_SECONDS', { infer: true }));
    this.logger.log({ msg: 'preview ready', fetchMode: data.fetchMode, renderError: data.renderError?.code });
    return settledResult(job.id, 'ready', written);
  }

  private async rendered(job: RenderedJobData, signal: AbortSignal): Promise<PreviewMetadata> {
    const { outcome } = job;
    // The renderer's message may name internals: only the code's public message is stored.
    if (!outcome.ok) return this.fallback(job, describeFailure(Object.assign(new Error(outcome.message), { code: outcome.code })));
    const body = new TextEncoder().encode(outcome.html);
    const { metadata, oembedUrl, scriptShell } = await this.pool.extract({ body, url: outcome.finalUrl, contentType: 'text/html; charset=utf-8' }, signal);
    // A page still empty at the deadline gained nothing from its scripts: the static read is as good.
    if (!outcome.settled && scriptShell) return this.fallback(job, NOT_SETTLED);
    metadata.oembed = job.fallback.oembed ?? (oembedUrl ? await this.oembed.fetch(oembedUrl, signal) : null);
    return { ...metadata, fetchMode: 'rendered' };
  }

  /** The screenshot is stored whichever read is shown: it is what the browser saw. */
  private async storeScreenshot({ id, outcome }: RenderedJobData): Promise<PreviewMetadata['screenshot']> {
    if (!outcome.ok || !outcome.screenshot) return undefined;
    const { contentType, width, height, base64 } = outcome.screenshot;
    const bytes = Buffer.from(base64, 'base64');
    const etag = `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`;
    await this.screenshots.save({ previewId: id, contentType, width, height, etag, data: bytes });
    return { url: `/v1/previews/${id}/screenshot`, width, height };
  }

  private fallback(job: RenderedJobData, reason: { code: string; message: string }): PreviewMetadata {
    this.logger.log({ msg: 'render failed, static read kept', code: reason.code });
    return { ...job.fallback, fetchMode: 'static', renderError: { code: reason.code, message: reason.message } };
  }
}
