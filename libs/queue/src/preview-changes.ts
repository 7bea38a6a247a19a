import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService, type Environment } from '@unfurl/config';
import { PREVIEW_CHANGED_CHANNEL } from '@unfurl/contracts';
import Redis from 'ioredis';

/** What a listener hears: a preview's id when it changed, and whether it hears every change at all. */
export interface PreviewChangeListener {
  changed(id: string): void;
  /**
   * True once subscribed (again): changes published before this were not heard. False when the
   * subscription is lost: changes published from now on will not be heard until it is back.
   */
  listening(live: boolean): void;
}

/**
 * "This preview row changed or is gone", from whoever wrote it (the worker after markReady or
 * markFailed, the API after a purge) to every API process of every replica, over Redis pub/sub.
 * The one place that holds these Redis connections, beside Bull's: one to publish, one to listen
 * (a subscribed connection can do nothing else). Both connect only when first used.
 */
@Injectable()
export class PreviewChanges implements OnApplicationShutdown {
  private readonly logger = new Logger(PreviewChanges.name);
  private readonly url: string;
  private readonly channel: string;
  private publisher?: Redis;
  private subscriber?: Redis;

  constructor(config: ConfigService<Environment, true>) {
    this.url = config.get('REDIS_URL', { infer: true });
    this.channel = `${config.get('QUEUE_PREFIX', { infer: true })}:${PREVIEW_CHANGED_CHANNEL}`;
  }

  /** Best effort: false when Redis could not take it (listeners then rely on expiry and on resubscribing). */
  async publish(id: string): Promise<boolean> {
    // The first publish waits for the connection; while Redis is down a publish gives up within the timeout.
    this.publisher ??= new Redis(this.url, { maxRetriesPerRequest: 0, commandTimeout: 1_000 }).on('error', () => {});
    try {
      await this.publisher.publish(this.channel, id);
      return true;
    } catch (error) {
      this.logger.warn(`change of preview ${id} not announced: ${String(error)}`);
      return false;
    }
  }

  /** One listener per process (the API's hot cache). */
  listen(listener: PreviewChangeListener): void {
    if (this.subscriber) throw new Error('PreviewChanges has a listener already');
    // Subscribed again by hand on every (re)connection, so `listening(true)` is said only once it holds.
    const subscriber = new Redis(this.url, { autoResubscribe: false, maxRetriesPerRequest: null });
    this.subscriber = subscriber;
    let live = false;
    const lost = () => {
      if (live) listener.listening((live = false));
    };
    subscriber.on('message', (channel: string, id: string) => {
      if (channel === this.channel) listener.changed(id);
    });
    subscriber.on('ready', () => {
      subscriber.subscribe(this.channel).then(
        () => listener.listening((live = true)),
        (error: unknown) => this.logger.warn(`not subscribed to ${this.channel}: ${String(error)}`),
      );
    });
    subscriber.on('close', lost);
    subscriber.on('error', lost);
  }

  onApplicationShutdown(): void {
    this.publisher?.disconnect();
    this.subscriber?.disconnect();
  }
}
