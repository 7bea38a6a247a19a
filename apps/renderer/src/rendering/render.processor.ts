import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService, type Environment } from '@unfurl/config';
import { PreviewJobName, QueueName, RenderJobName, type RenderJobData, type RenderOutcome, upstreamHttpCode } from '@unfurl/contracts';
import { MAX_HTML_CHARS } from '@unfurl/extractor';
import { JobQueue } from '@unfurl/queue';
import { PinoLogger } from 'nestjs-pino';
import { RenderError } from '../browser/render-error';
import { RendererService } from './renderer.service';

/**
 * Consumes the render queue, RENDER_CONCURRENCY pages at a time, and answers each page with a
 * `rendered` job on the previews queue: the renderer has no database and no extraction threads, so
 * the worker extracts and stores the rendered DOM like a static page (docs/architecture.md).
 */
@Injectable()
export class RenderProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RenderProcessor.name);

  constructor(
    private readonly jobs: JobQueue,
    private readonly renderer: RendererService,
    private readonly config: ConfigService<Environment, true>,
    private readonly pino: PinoLogger,
  ) {}

  onApplicationBootstrap(): void {
    const concurrency = this.config.get('RENDER_CONCURRENCY', { infer: true });
    this.jobs.consume(RenderJobName.Render, concurrency, (job) => {
      const bindings = { jobId: job.id, previewId: job.data.id, requestId: job.data.requestId };
      return this.pino.runInContext(() => this.process(job.data), { bindings });
    });
    this.logger.log(`consuming ${RenderJobName.Render} jobs, ${concurrency} at a time`);
  }

  /** Stops taking pages and lets those in flight finish before RendererService closes the browser. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.jobs.close(QueueName.Render);
  }

  private async process(job: RenderJobData): Promise<void> {
    const outcome = await this.render(job);
    this.logger.log({ msg: 'page rendered', ok: outcome.ok, code: outcome.ok ? undefined : outcome.code });
    await this.jobs.enqueue({ name: PreviewJobName.Rendered, data: { id: job.id, url: job.url, requestId: job.requestId, fallback: job.fallback, outcome } });
  }

  private async render(job: RenderJobData): Promise<RenderOutcome> {
    try {
      const page = await this.renderer.render(job.url, { lang: job.lang, ...(job.screenshot ? { screenshot: 'webp' } : {}) });
      if (page.status >= 400) return { ok: false, code: upstreamHttpCode(page.status), message: `the rendered page answered HTTP ${page.status}` };
      const screenshot = page.screenshot && { contentType: page.screenshot.contentType, width: page.screenshot.width, height: page.screenshot.height, base64: page.screenshot.data.toString('base64') };
      // The extractor reads no further than this, so no more travels through Redis.
      return { ok: true, finalUrl: page.finalUrl, html: page.html.slice(0, MAX_HTML_CHARS), settled: page.settled, screenshot };
    } catch (error) {
      const { code, message } = RenderError.from(error);
      return { ok: false, code, message };
    }
  }
}
