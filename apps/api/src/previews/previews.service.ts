import { Injectable, Logger } from '@nestjs/common';
import { ConfigService, SiteRules, type Environment } from '@unfurl/config';
import { isPreviewId, normalizeLang, normalizeUrl, PreviewJobName, previewId, PreviewStatus, type RenderMode, type UnfurlJobData, UrlRejectedError } from '@unfurl/contracts';
import { PreviewRepository, type PreviewEntity } from '@unfurl/database';
import { JobQueue, QueueUnavailableError } from '@unfurl/queue';
import { HotCache } from '../hot-cache/hot-cache';
import { ProblemCode } from '../problems/problem';
import { ProblemException } from '../problems/problem.exception';
import { PreviewCacheStatus } from './preview-cache-status';
import { previewRequestAction, type PreviewRequestDecision } from './preview-request-action';
import { PreviewWaiter } from './preview-waiter.service';

/** A stale row is refreshed at most this often, however many requests see it. */
const REFRESH_CLAIM_SECONDS = 60;

const urlProblems = {
  invalid: ProblemCode.InvalidUrl,
  scheme: ProblemCode.UrlSchemeNotAllowed,
  'too-long': ProblemCode.UrlTooLong,
  credentials: ProblemCode.UrlCredentialsNotAllowed,
} as const;

/** What a caller may ask of one preview request, beyond the URL (see PreviewRequestDto). */
export interface PreviewRequestParameters {
  /** Milliseconds to wait for a fetch to end. */
  wait?: number;
  force?: boolean;
  maxAge?: number;
  /** A BCP 47 tag, already checked by the DTO; normalised here. */
  lang?: string;
  /** How the page is read when it is fetched: carried in the job (UnfurlJobData). */
  render?: RenderMode;
  screenshot?: boolean;
}

/** What the request adds to its unfurl job: its id for the logs, and how the page is read. */
type JobParameters = Pick<UnfurlJobData, 'requestId' | 'render' | 'screenshot'>;

/** A preview answer: the row, and how it relates to the cache (Unfurl-Cache). */
export interface PreviewAnswer {
  row: PreviewEntity;
  cache: PreviewCacheStatus;
  /** `force` was refused because the preview was fetched less than FORCE_MIN_INTERVAL_SECONDS ago. */
  forceRefused: boolean;
}

/** A preview's identity: its normalised URL and language; the id is derived from both. */
interface PreviewKey {
  id: string;
  url: string;
  lang: string | null;
}

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
    private readonly hot: HotCache,
  ) {}

  /**
   * The request flow (docs/architecture.md): a current row is answered from PostgreSQL alone; a
   * stale one is answered and refreshed in the background (or, for a caller's maxAge or force with
   * `wait`, refreshed first); a new URL is recorded as pending, then queued. What to do is decided
   * by previewRequestAction; the conditional updates decide who does it.
   */
  async request(rawUrl: string, parameters: PreviewRequestParameters = {}, requestId?: string): Promise<PreviewAnswer> {
    const key = this.key(this.admit(rawUrl), parameters.lang);
    const job = { requestId, render: parameters.render, screenshot: parameters.screenshot };
    const waitMs = Math.min(parameters.wait ?? 0, this.config.get('WAIT_MAX_MS', { infer: true }));
    const row = await this.previews.findById(key.id);
    const decision = previewRequestAction(row, Date.now(), {
      force: parameters.force,
      maxAgeSeconds: parameters.maxAge,
      waits: waitMs > 0,
      forceMinIntervalSeconds: this.config.get('FORCE_MIN_INTERVAL_SECONDS', { infer: true }),
    });
    const answer = (settled: PreviewEntity, cache = decision.cache): PreviewAnswer => ({ row: settled, cache, forceRefused: decision.forceRefused });
    if (row && decision.action === 'refresh-and-wait') return answer(...(await this.refreshAndWait(key, row, decision, waitMs, job)));
    if (row && (decision.action === 'serve' || decision.action === 'serve-and-refresh')) {
      if (decision.action === 'serve-and-refresh' && (await this.previews.claimRefresh(key.id, REFRESH_CLAIM_SECONDS, decision.olderThanSeconds))) {
        this.enqueue(key, job).catch((error: unknown) => this.logger.warn(`refresh of ${key.id} not queued: ${String(error)}`));
      }
      return answer(row);
    }
    if (decision.action === 'create-and-queue') {
      const created = await this.previews.createPending(key.id, key.url, key.lang);
      if (created) return answer(await this.queueCreated(key, job, created, waitMs));
    }
    if (decision.action === 'retry-failure' && (await this.previews.retryExpiredFailure(key.id))) await this.enqueue(key, job);
    return answer(await this.settle(key.id, waitMs));
  }

  /**
   * The row this request has just created: pending, with no job queued yet. A waiter registered
   * before the job is queued cannot miss its end, so the row needs no second read (one SQL statement
   * less per new preview).
   */
  private async queueCreated(key: PreviewKey, job: JobParameters, row: PreviewEntity, waitMs: number): Promise<PreviewEntity> {
    if (waitMs <= 0) {
      await this.enqueue(key, job);
      return row;
    }
    const started = Date.now();
    const { ended, cancel } = this.waiter.waitFor(key.id, waitMs);
    await this.enqueue(key, job).catch((error: unknown) => {
      cancel();
      throw error;
    });
    return this.afterEnd(key.id, ended, waitMs, started);
  }

  /**
   * A refresh the caller waits for: registered before the job is queued so its end is not missed.
   * When another request's refresh is already running, its end is waited for instead. If the wait
   * runs out (or the refresh failed and the row kept its data), the row is answered as it is, STALE.
   */
  private async refreshAndWait(
    key: PreviewKey,
    row: PreviewEntity,
    decision: PreviewRequestDecision,
    waitMs: number,
    job: JobParameters,
  ): Promise<[PreviewEntity, PreviewCacheStatus]> {
    const { ended, cancel } = this.waiter.waitFor(key.id, waitMs);
    try {
      if (await this.previews.claimRefresh(key.id, REFRESH_CLAIM_SECONDS, decision.olderThanSeconds)) {
        await this.enqueue(key, job);
      } else {
        const current = await this.findById(key.id);
        const refreshed = current.fetchedAt?.getTime() !== row.fetchedAt?.getTime();
        if (refreshed || current.refreshRequestedAt === null) {
          cancel();
          return [current, refreshed ? decision.cache : PreviewCacheStatus.Hit];
        }
      }
    } catch (error) {
      cancel();
      throw error;
    }
    const settled = (await ended) ? await this.reread(key.id) : await this.findById(key.id);
    // A refresh that failed keeps the data it had (PreviewRepository.markFailed): still the stored preview.
    return [settled, settled.fetchedAt?.getTime() === row.fetchedAt?.getTime() ? PreviewCacheStatus.Stale : decision.cache];
  }

  /**
   * Removes the preview of `id` and its callbacks; the next request fetches it anew. A job still
   * running for it finds no row to write (PreviewRepository.delete). Every API process drops its
   * hot copy.
   */
  async purge(id: string): Promise<void> {
    if (!isPreviewId(id)) throw new ProblemException(ProblemCode.PreviewNotFound, 'not a preview id');
    if (!(await this.previews.delete(id))) throw new ProblemException(ProblemCode.PreviewNotFound, `no preview has id ${id}`);
    await this.hot.purged(id);
  }

  /** The id of the preview of a URL in a language (or none), as every API process derives it. */
  idOf(rawUrl: string, lang?: string): string {
    // Not admit: a preview made before its host was denied can still be purged.
    return this.key(this.normalise(rawUrl), lang).id;
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
    const started = Date.now();
    const { ended, cancel } = this.waiter.waitFor(id, waitMs);
    const row = await this.findById(id).catch((error: unknown) => {
      cancel();
      throw error;
    });
    if (row.status !== PreviewStatus.Pending) {
      cancel();
      return row;
    }
    return this.afterEnd(id, ended, waitMs, started);
  }

  /** The row once the wait registered at `started` has `ended` (or run out). */
  private async afterEnd(id: string, ended: Promise<boolean>, waitMs: number, started: number): Promise<PreviewEntity> {
    if (!(await ended)) return this.findById(id);
    const woken = await this.reread(id);
    // A job that handed the page on to the renderer ended with the row still pending: wait for the next one.
    return woken.status === PreviewStatus.Pending ? this.settle(id, waitMs - (Date.now() - started)) : woken;
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

  private async enqueue({ id, url, lang }: PreviewKey, job: JobParameters): Promise<void> {
    try {
      await this.jobs.enqueue({ name: PreviewJobName.Unfurl, data: { id, url, ...(lang ? { lang } : {}), ...job } });
    } catch (error) {
      if (!(error instanceof QueueUnavailableError)) throw error;
      // The pending row stays: the reconciler queues it once Redis is back.
      throw new ProblemException(ProblemCode.QueueUnavailable, 'the job queue (Redis) is not reachable; the request is recorded and will be processed when it is back', {
        retryAfterSeconds: this.config.get('RETRY_AFTER_SECONDS', { infer: true }),
      });
    }
  }

  /** A preview's identity from its normalised URL and the language asked for (or none). */
  private key(url: string, lang?: string): PreviewKey {
    const normalisedLang = lang === undefined ? null : normalizeLang(lang);
    return { id: previewId(url, normalisedLang), url, lang: normalisedLang };
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
