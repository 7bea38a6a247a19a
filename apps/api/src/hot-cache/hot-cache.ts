import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ConfigService, type Environment } from '@unfurl/config';
import { PreviewStatus } from '@unfurl/contracts';
import type { PreviewEntity } from '@unfurl/database';
import { PreviewChanges, type PreviewChangeListener } from '@unfurl/queue';
import { ApiMetrics } from '../metrics/api-metrics';
import { previewEtag } from '../previews/preview-http-cache';
import { toPreviewDto } from '../previews/preview.mapper';
import { ByteLru } from './byte-lru';

/** A ready or failed preview as the API answers it, serialised once. */
export interface HotPreview {
  status: PreviewStatus;
  fetchedAt: Date | null;
  expiresAt: Date;
  etag: string;
  /** The exact bytes a read from PostgreSQL answers (Fastify's JSON.stringify of the preview resource). */
  body: Buffer;
}

/** What an entry costs beyond its body and ETag (key, Map slot, object, dates), so many tiny ones are bounded too. */
const ENTRY_OVERHEAD_BYTES = 256;

/**
 * Ready and failed previews kept in this API process, already serialised, so a repeated read costs
 * neither PostgreSQL nor Redis nor JSON serialisation (hot-reads.hook.ts answers from it). Bounded
 * by HOT_CACHE_MB; never answers past a preview's expiresAt. Whoever changes or removes a row
 * announces it (PreviewChanges) and every process drops its copy. It only holds and answers while
 * it hears those announcements: on (re)subscribing it starts empty, since what was announced while
 * it was deaf is lost.
 */
@Injectable()
export class HotCache implements OnModuleInit, PreviewChangeListener {
  readonly enabled: boolean;
  private readonly entries: ByteLru<HotPreview>;
  /** Moves with every change heard: a row read before a change must not be kept after it (ticket). */
  private generation = 0;
  private live = false;
  private readonly metrics: ApiMetrics['hotCache'];

  constructor(
    config: ConfigService<Environment, true>,
    private readonly changes: PreviewChanges,
    { hotCache }: ApiMetrics,
  ) {
    const megabytes = config.get('HOT_CACHE_MB', { infer: true });
    this.enabled = megabytes > 0;
    this.metrics = hotCache;
    this.entries = new ByteLru(megabytes * 1024 * 1024, () => hotCache.evictions.inc());
  }

  onModuleInit(): void {
    if (this.enabled) this.changes.listen(this);
  }

  changed(id: string): void {
    this.generation++;
    if (this.entries.delete(id)) this.measure();
  }

  listening(live: boolean): void {
    this.generation++;
    this.live = live;
    this.entries.clear();
    this.measure();
  }

  /** Taken before reading a row that may then be remembered. */
  ticket(): number {
    return this.generation;
  }

  /** Keeps a current ready or failed row, unless a change was heard since `ticket` was taken. */
  remember(ticket: number, row: PreviewEntity, now = Date.now()): void {
    if (!this.enabled || !this.live || ticket !== this.generation) return;
    if (row.status === PreviewStatus.Pending || row.expiresAt === null || row.expiresAt.getTime() <= now) return;
    const body = Buffer.from(JSON.stringify(toPreviewDto(row)));
    const etag = previewEtag(row);
    this.entries.set(row.id, { status: row.status, fetchedAt: row.fetchedAt, expiresAt: row.expiresAt, etag, body }, body.length + etag.length + ENTRY_OVERHEAD_BYTES);
    this.measure();
  }

  /** The kept preview of `id`, if any and not expired. */
  find(id: string, now: number): HotPreview | undefined {
    if (!this.live) return undefined;
    const entry = this.entries.get(id);
    if (!entry || entry.expiresAt.getTime() > now) return entry;
    this.entries.delete(id);
    this.measure();
    return undefined;
  }

  /** A read answered from here (hit) or not (miss), for the metrics. */
  count(hit: boolean): void {
    (hit ? this.metrics.hits : this.metrics.misses).inc();
  }

  /** A purge by this process: dropped here at once, announced to every other. */
  async purged(id: string): Promise<void> {
    this.changed(id);
    await this.changes.publish(id);
  }

  private measure(): void {
    this.metrics.bytes.set(this.entries.bytes);
    this.metrics.entries.set(this.entries.size);
  }
}
