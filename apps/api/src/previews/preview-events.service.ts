import { Injectable, Logger, type MessageEvent } from '@nestjs/common';
import { ConfigService, type Environment } from '@unfurl/config';
import { PreviewStatus } from '@unfurl/contracts';
import type { PreviewEntity } from '@unfurl/database';
import { Observable } from 'rxjs';
import { problemFor } from '../problems/problem.filter';
import { toPreviewDto } from './preview.mapper';
import { PreviewWaiter } from './preview-waiter.service';
import { PreviewsService } from './previews.service';

/**
 * A preview's status changes as Server-Sent Events: `status` events carrying the preview, the
 * last one ready or failed, then the stream ends. Woken by Bull's global job events (Redis
 * pub/sub), so it works whichever API process the client is connected to. A stream that cannot
 * go on (the preview was purged, PostgreSQL went away) ends with a `problem` event: the problem
 * object a request would have been answered with.
 */
@Injectable()
export class PreviewEventsService {
  private readonly logger = new Logger(PreviewEventsService.name);

  constructor(
    private readonly previews: PreviewsService,
    private readonly waiter: PreviewWaiter,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  /** Throws the 404 problem before the stream starts, while a problem+json answer is still possible. */
  async events(id: string): Promise<Observable<MessageEvent>> {
    const first = await this.previews.findById(id);
    const heartbeatMs = this.config.get('SSE_HEARTBEAT_SECONDS', { infer: true }) * 1_000;
    return new Observable<MessageEvent>((subscriber) => {
      let closed = false;
      let cancelWait: (() => void) | undefined;
      const heartbeat = setInterval(() => subscriber.next({ comment: 'heartbeat' } as MessageEvent), heartbeatMs);
      const status = (row: PreviewEntity) => subscriber.next({ type: 'status', data: toPreviewDto(row) });
      const follow = async () => {
        let row = first;
        status(row);
        while (row.status === PreviewStatus.Pending) {
          // Registered before the re-read so an end in between is not missed. The wait is also
          // bounded by the heartbeat period: a job event lost with a Redis reconnect costs one
          // period, not a stream that never ends.
          const wait = this.waiter.waitFor(id, heartbeatMs);
          cancelWait = wait.cancel;
          await wait.ended;
          if (closed) return;
          const next = await this.previews.findById(id);
          if (closed) return;
          if (next.status !== row.status) status(next);
          row = next;
        }
        subscriber.complete();
      };
      follow().catch((error: unknown) => {
        // The answer's status line is long gone: the problem goes in the stream, which then ends.
        if (!closed) subscriber.next({ type: 'problem', data: problemFor(error, this.logger) });
        subscriber.complete();
      });
      return () => {
        closed = true;
        clearInterval(heartbeat);
        cancelWait?.();
      };
    });
  }
}
