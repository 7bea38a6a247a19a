import { Injectable, Logger } from '@nestjs/common';
import { ConfigService, SiteRules, type Environment } from '@unfurl/config';
import { isPreviewId, normalizeUrl, PreviewJobName, previewId, PreviewStatus, UrlRejectedError } from '@unfurl/contracts';
import { PreviewRepository, type PreviewEntity } from '@unfurl/database';
import { JobQueue, QueueUnavailableError } from '@unfurl/queue';
import { ProblemCode } from '../problems/problem';
import { ProblemException } from '../problems/problem.exception';
import { previewRequestAction } from './preview-request-action';
import { PreviewWaiter } from './preview-waiter.service';

/** A stale row is refreshed at most this often, however many requests see it. */
const REFRESH_CLAIM_SECONDS = 60;

const urlProblems = {
  invalid: ProblemCode.InvalidUrl,
  scheme: ProblemCode.UrlSchemeNotAllowed,
  'too-long': ProblemCode.UrlTooLong,
  credentials: ProblemCode.UrlCredentialsNotAllowed,
} as const;

@Injectable()
export class PreviewsService {
  private readonly logger = new Logger(PreviewsService.name);
  /** Reads of a row by the requests its job just woke, shared while in flight (see settle). */
  private readonly rereads = new Map<string, Promise<PreviewEntity>>();

  constructor(
    private readonly previews: PreviewRepository,
    private readonly jobs: JobQueue,
    private readonly waiter: PreviewWaiter,
    private readonly config: ConfigService<Environment, true>,
    private readonly rules: SiteRules,
  ) {}

  /**
   * The request flow (docs/architecture.md): a current row is answered from PostgreSQL alone; a
   * stale one is answered and refreshed in the background; a new URL is recorded as pending, then
   * queued. What to do is decided by previewRequestAction; the conditional updates decide who does it.
   */
  async request(rawUrl: string, waitMs = 0, requestId?: string): Promise<PreviewEntity> {
    const url = this.admit(rawUrl);
    const id = previewId(url);
    const row = await this.previews.findById(id);
    const action = previewRequestAction(row, Date.now());
    if (row && (action === 'serve' || action === 'serve-and-refresh')) {
      if (action === 'serve-and-refresh' && (await this.previews.claimRefresh(id, REFRESH_CLAIM_SECONDS))) {
        this.enqueue(id, url, requestId).catch((error: unknown) => this.logger.warn(`refresh of ${id} not queued: ${String(error)}`));
      }
      return row;
    }
    const claimed =
      action === 'create-and-queue' ? await this.previews.createPending(id, url) : action === 'retry-failure' && (await this.previews.retryExpiredFailure(id));
    if (claimed) await this.enqueue(id, url, requestId);
    return this.settle(id, Math.min(waitMs, this.config.get('WAIT_MAX_MS', { infer: true })));
  }

  async findById(id: string): Promise<PreviewEntity> {
    if (!isPreviewId(id)) throw new ProblemException(ProblemCode.PreviewNotFound, 'not a preview id');
    const row = await this.previews.findById(id);
    if (!row) throw new ProblemException(ProblemCode.PreviewNotFound, `no preview has id ${id}`);
    return row;
  }

  /** Reads the row, waiting up to `waitMs` for its job to end while it is pending. */
  private async settle(id: string, waitMs: number): Promise<PreviewEntity> {
    if (waitMs <= 0) return this.findById(id);
    const { ended, cancel } = this.waiter.waitFor(id, waitMs);
    const row = await this.findById(id).catch((error: unknown) => {
      cancel();
      throw error;
    });
    if (row.status !== PreviewStatus.Pending) {
      cancel();
      return row;
    }
    return (await ended) ? this.reread(id) : this.findById(id);
  }

  /**
   * When a popular preview's job ends, every request waiting on it wakes at once; one query serves
   * them all. Only requests woken by the job's end share it, so every shared read started after
   * the worker's write.
   */
  private reread(id: string): Promise<PreviewEntity> {
    let read = this.rereads.get(id);
    if (!read) {
      read = this.findById(id).finally(() => this.rereads.delete(id));
      this.rereads.set(id, read);
    }
    return read;
  }

  private async enqueue(id: string, url: string, requestId?: string): Promise<void> {
    try {
      await this.jobs.enqueue({ name: PreviewJobName.Unfurl, data: { id, url, requestId } });
    } catch (error) {
      if (!(error instanceof QueueUnavailableError)) throw error;
      // The pending row stays: the reconciler queues it once Redis is back.
      throw new ProblemException(ProblemCode.QueueUnavailable, 'the job queue (Redis) is not reachable; the request is recorded and will be processed when it is back', {
        retryAfterSeconds: this.config.get('RETRY_AFTER_SECONDS', { infer: true }),
      });
    }
  }

  /** The normalised URL of a preview that may be made: a 400 problem for a bad URL, 403 SITE_DENIED for a denied host. */
  admit(rawUrl: string): string {
    const url = this.normalise(rawUrl);
    const site = this.rules.forUrl(url);
    if (site.deny) throw new ProblemException(ProblemCode.SiteDenied, `previews of ${new URL(url).hostname} are denied by the site rule ${site.pattern}`);
    return url;
  }

  /** The normalised URL, or a 400 problem saying what is wrong with it. */
  normalise(rawUrl: string): string {
    try {
      return normalizeUrl(rawUrl, this.config.get('MAX_URL_LENGTH', { infer: true }));
    } catch (error) {
      if (!(error instanceof UrlRejectedError)) throw error;
      throw new ProblemException(urlProblems[error.problem], error.message);
    }
  }
}
