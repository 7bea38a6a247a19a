import { Injectable, Logger } from '@nestjs/common';
import { ConfigService, redactHeaders, SiteRules, type Environment } from '@unfurl/config';
import { PreviewErrorCode, RenderJobName, type PreviewMetadata, type UnfurlJobData, type UnfurlJobResult } from '@unfurl/contracts';
import { PreviewRepository } from '@unfurl/database';
import { FetcherService, FetchError, type FetchResult } from '@unfurl/fetcher';
import { JobDeferredError, JobQueue, QueueUnavailableError } from '@unfurl/queue';
import { ExtractionPool } from '../extraction/extraction-pool';
import { RobotsService } from '../robots/robots.service';
import { describeFailure, isTransient } from './failure';
import { breakerOutcome, HostBreaker } from './host-breaker';
import { HostLimiter, hostOf } from './host-limiter';
import { OEmbedService } from './oembed.service';
import { wantsRender } from './render-decision';
import { settledResult } from './settled-result';
import { siteFetchOptions } from './site-fetch';

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
    private readonly rules: SiteRules,
    private readonly robots: RobotsService,
    private readonly breaker: HostBreaker,
    private readonly jobs: JobQueue,
  ) {}

  /**
   * Transient failures are rethrown for Bull to retry while attempts remain; every other outcome,
   * the last attempt's failure included, is written to the row and ends the job normally. A host
   * without a free slot defers the job (JobDeferredError, rethrown as it is); `signal` (the job's
   * deadline) aborts the fetches and the extraction.
   */
  async unfurl(job: UnfurlJobData, isLastAttempt: boolean, signal: AbortSignal): Promise<UnfurlJobResult> {
    const site = this.rules.forUrl(job.url);
    if (site.pattern) this.logger.debug({ msg: 'site rule', rule: site.pattern, render: site.render, userAgent: site.userAgent, headers: redactHeaders(site.headers) });
    try {
      // The API refuses denied hosts; this catches jobs queued before a rule was added, before robots.txt is asked.
      if (site.deny) throw FetchError.siteDenied(new URL(job.url).hostname);
      const page = await this.fetchPage(job.url, async () => {
        await this.robots.check(job.url);
        return this.fetcher.fetch(job.url, { accept: ACCEPT, ...siteFetchOptions(site, job.lang), signal });
      });
      // page.body is moved to the extraction thread: nothing below reads it.
      const { metadata, oembedUrl, scriptShell } = await this.pool.extract({ body: page.body, url: page.finalUrl, contentType: page.contentType }, signal);
      if (oembedUrl) metadata.oembed = await this.oembed.fetch(oembedUrl, signal);
      // The request's `render`, else the site rule's, else auto; the static read waits in the render job as the fallback.
      const mode = job.render ?? site.render ?? 'auto';
      let read: PreviewMetadata = { ...metadata, fetchMode: 'static' };
      if (this.config.get('RENDER_ENABLED', { infer: true }) && wantsRender(mode, { scriptShell, contentType: metadata.contentType }, job.screenshot === true)) {
        try {
          await this.jobs.enqueue({ name: RenderJobName.Render, data: { id: job.id, url: job.url, lang: job.lang, screenshot: job.screenshot, requestId: job.requestId, fallback: read } });
          this.logger.log({ msg: 'preview sent to the renderer', mode, scriptShell });
          // The row stays pending: nothing to claim or announce yet; the rendered job's write says what there is.
          return { id: job.id, status: 'rendering', callbacks: false, announce: false };
        } catch (error) {
          if (!(error instanceof QueueUnavailableError)) throw error;
          // The page is fetched and read: a card without its scripts beats a failed preview.
          const { code, message, detail } = describeFailure(Object.assign(new Error(error.message), { code: PreviewErrorCode.RenderUnavailable }));
          this.logger.warn({ msg: 'render job refused, static read kept', code, detail });
          read = { ...read, renderError: { code, message } };
        }
      }
      // A card kept because the renderer could not be asked is read again as soon as a failure would be.
      const ttlSeconds = read.renderError ? (site.failureTtlSeconds ?? this.config.get('FAILURE_TTL_SECONDS', { infer: true })) : (site.ttlSeconds ?? this.config.get('PREVIEW_TTL_SECONDS', { infer: true }));
      const written = await this.previews.markReady(job.id, read, ttlSeconds);
      this.logger.log({ msg: 'preview ready' });
      return settledResult(job.id, 'ready', written);
    } catch (error) {
      if (error instanceof JobDeferredError) throw error;
      const { code, message, detail } = describeFailure(error);
      if (isTransient(code) && !isLastAttempt) throw error;
      if (code === PreviewErrorCode.Internal) this.logger.error({ msg: 'preview failed', code, detail, stack: error instanceof Error ? error.stack : undefined });
      else this.logger.log({ msg: 'preview failed', code, detail });
      const written = await this.previews.markFailed(job.id, code, message, site.failureTtlSeconds ?? this.config.get('FAILURE_TTL_SECONDS', { infer: true }));
      return settledResult(job.id, 'failed', written);
    }
  }

  /** The page, through the host's breaker (fail fast while open) and its fetch slots (defer when full). */
  private async fetchPage(url: string, fetch: () => Promise<FetchResult>): Promise<FetchResult> {
    const host = hostOf(url);
    if (!this.breaker.admits(host)) throw new FetchError(PreviewErrorCode.HostUnavailable, `breaker open for ${host}`);
    try {
      const page = await this.hosts.run(url, fetch);
      this.breaker.record(host, 'answered');
      return page;
    } catch (error) {
      this.breaker.record(host, error instanceof JobDeferredError ? 'not-tried' : breakerOutcome(describeFailure(error).code));
      throw error;
    }
  }
}
