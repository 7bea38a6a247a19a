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
  /** Dropped from here then, or at expiresAt if sooner: the bound on a change announcement that went missing. */
  heldUntil: number;
  etag: string;
  /** The exact bytes a read from PostgreSQL answers (Fastify's JSON.stringify of the preview resource). */
  body: Buffer;
}

/**
 * The longest a copy is answered without reading PostgreSQL again. Announcements are best effort (a
 * publish that times out is logged, not retried), so this bounds how long a missed one can matter.
 */
const HOLD_MS = 60_000;

/** What an entry costs beyond its body and ETag (key, Map slot, object, dates), so many tiny ones are bounded too. */
const ENTRY_OVERHEAD_BYTES = 256;

/**
 * Ready and failed previews kept in this API process, already serialised, so a repeated read costs
 * neither PostgreSQL nor Redis nor JSON serialisation (hot-reads.hook.ts answers from it). Bounded
 * by HOT_CACHE_MB; never answers past a preview's expiresAt, nor a copy older than HOLD_MS. Whoever
 * changes or removes a row announces it (PreviewChanges) and every process drops its copy. It only
 * holds and answers while it hears those announcements: on (re)subscribing it starts empty, since
 * what was announced while it was deaf is lost.
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
    const json = JSON.stringify(toPreviewDto(row));
    // A buffer of its own: a small Buffer.from() is a slice of a shared 8 KiB slab, which one kept
    // entry would keep alive whole, and HOT_CACHE_MB would bound nothing.
    const body = Buffer.allocUnsafeSlow(Buffer.byteLength(json));
    body.write(json);
    const etag = previewEtag(row);
    const heldUntil = Math.min(row.expiresAt.getTime(), now + HOLD_MS);
    this.entries.set(row.id, { status: row.status, fetchedAt: row.fetchedAt, expiresAt: row.expiresAt, heldUntil, etag, body }, body.length + etag.length + ENTRY_OVERHEAD_BYTES);
    this.measure();
  }

  /** The kept preview of `id`, if any, not expired and held for less than HOLD_MS. */
  find(id: string, now: number): HotPreview | undefined {
    if (!this.live) return undefined;
    const entry = this.entries.get(id);
    if (!entry || entry.heldUntil > now) return entry;
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
