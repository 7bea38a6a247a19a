import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService, type Environment } from '@unfurl/config';
import { WebhookJobName } from '@unfurl/contracts';
import { PreviewCallbackRepository, type PreviewEntity } from '@unfurl/database';
import { checkUrl, FETCH_POLICY, FetchError, type FetchPolicy } from '@unfurl/fetcher';
import { JobQueue } from '@unfurl/queue';
import { ProblemCode } from '../problems/problem';
import { ProblemException } from '../problems/problem.exception';

/**
 * `callbackUrl` of preview requests: checked before any work is done, recorded once the preview
 * row exists, and queued for delivery at once when the preview is (or has just become) settled.
 * Pending previews are delivered by the worker when their job ends.
 */
@Injectable()
export class PreviewCallbacksService {
  private readonly logger = new Logger(PreviewCallbacksService.name);
  private readonly enabled: boolean;

  constructor(
    private readonly callbacks: PreviewCallbackRepository,
    private readonly jobs: JobQueue,
    // The worker's fetch policy; addresses behind host names are checked when delivering.
    @Inject(FETCH_POLICY) private readonly policy: FetchPolicy,
    config: ConfigService<Environment, true>,
  ) {
    this.enabled = Boolean(config.get('WEBHOOK_SECRET', { infer: true }));
  }

  /** Throws a 400 problem unless the callback URL may be used; returns it as parsed. */
  check(callbackUrl: string | undefined): string | undefined {
    if (callbackUrl === undefined) return undefined;
    if (!this.enabled) throw new ProblemException(ProblemCode.WebhooksDisabled, 'this server has no WEBHOOK_SECRET, so it cannot sign callbacks; poll the preview instead');
    try {
      return checkUrl(callbackUrl, this.policy).href;
    } catch (error) {
      if (!(error instanceof FetchError)) throw error;
      throw new ProblemException(ProblemCode.CallbackUrlNotAllowed, `callbackUrl: ${error.message}`);
    }
  }

  async register(preview: PreviewEntity, callbackUrl: string | undefined): Promise<void> {
    if (callbackUrl === undefined) return;
    if ((await this.callbacks.add(preview.id, callbackUrl)) === null) throw new ProblemException(ProblemCode.PreviewNotFound, `preview ${preview.id} was purged meanwhile`);
    // Claims only if the preview is settled by now; otherwise the worker claims it when the job ends.
    const ids = await this.callbacks.claimSettled(preview.id);
    try {
      for (const callbackId of ids) await this.jobs.enqueue({ name: WebhookJobName.Deliver, data: { callbackId } });
    } catch (error) {
      // The worker's sweep queues it once Redis answers again.
      this.logger.warn(`callback of ${preview.id} not queued yet: ${error instanceof Error ? error.message : String(error)}`);
      await this.callbacks.unclaim(ids);
    }
  }
}
