import { Injectable, Logger } from '@nestjs/common';
import { ConfigService, type Environment } from '@unfurl/config';
import { PreviewErrorCode, toPreviewResource } from '@unfurl/contracts';
import { PreviewCallbackRepository, PreviewRepository } from '@unfurl/database';
import { FetchError, FetcherService } from '@unfurl/fetcher';
import { webhookSignature } from './webhook-signature';

/** Refusals of the URL itself (a host denied since the callback was accepted included): trying again cannot help. */
const PERMANENT = new Set<string>([PreviewErrorCode.BlockedAddress, PreviewErrorCode.BlockedUrl, PreviewErrorCode.BlockedPort, PreviewErrorCode.SiteDenied]);
/** Receivers answer with a status; their body is read only up to this. */
const MAX_ANSWER_BYTES = 64 * 1024;

/** Thrown to make Bull retry the delivery later (with backoff). */
export class DeliveryFailedError extends Error {}

/** One delivery attempt of one callback: POST the preview, signed, through the SSRF-guarded fetcher. */
@Injectable()
export class WebhookDeliveryService {
  private readonly logger = new Logger(WebhookDeliveryService.name);

  constructor(
    private readonly callbacks: PreviewCallbackRepository,
    private readonly previews: PreviewRepository,
    private readonly fetcher: FetcherService,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  /** Resolves when delivered or given up for good; throws DeliveryFailedError to be retried. `signal` (the job's deadline) aborts the POST. */
  async deliver(callbackId: string, attempt: number, isLastAttempt: boolean, signal: AbortSignal): Promise<void> {
    const callback = await this.callbacks.findById(callbackId);
    if (!callback || callback.deliveredAt || callback.failedAt) return;
    const preview = await this.previews.findById(callback.previewId);
    if (!preview) return;
    const secret = this.config.get('WEBHOOK_SECRET', { infer: true });
    if (!secret) {
      await this.callbacks.recordAttempt(callbackId, attempt, 'WEBHOOK_SECRET is not set on the worker', true);
      return;
    }
    const body = JSON.stringify(toPreviewResource(preview));
    let failure: string;
    let permanent = false;
    try {
      const answer = await this.fetcher.fetch(callback.url, {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/json',
          'unfurl-signature': webhookSignature(secret, body, Math.floor(Date.now() / 1000)),
          'unfurl-delivery': callback.id,
          'unfurl-event': `preview.${preview.status}`,
        },
        timeoutMs: this.config.get('WEBHOOK_TIMEOUT_MS', { infer: true }),
        maxBodyBytes: MAX_ANSWER_BYTES,
        maxRedirects: 0,
        acceptAnyStatus: true,
        signal,
      });
      if (answer.status >= 200 && answer.status < 300) {
        await this.callbacks.markDelivered(callbackId, attempt);
        return;
      }
      failure = `HTTP ${answer.status}`;
    } catch (error) {
      if (!(error instanceof FetchError)) throw error;
      failure = `${error.code}: ${error.message}`;
      permanent = PERMANENT.has(error.code);
    }
    const gaveUp = permanent || isLastAttempt;
    await this.callbacks.recordAttempt(callbackId, attempt, failure, gaveUp);
    this.logger.log({ msg: gaveUp ? 'webhook given up' : 'webhook attempt failed', callbackId, previewId: preview.id, attempt, failure });
    if (!gaveUp) throw new DeliveryFailedError(failure);
  }
}
