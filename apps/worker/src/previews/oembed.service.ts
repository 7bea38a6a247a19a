import { Injectable, Logger } from '@nestjs/common';
import type { OEmbed } from '@unfurl/contracts';
import { FetcherService } from '@unfurl/fetcher';
import { HostLimiter } from './host-limiter';

const OEMBED_MAX_BYTES = 256 * 1024;
const OEMBED_TIMEOUT_MS = 3_000;

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
const number = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : undefined);

/** Keeps the oEmbed fields we know, typed; anything else a provider sends is dropped. */
function toOEmbed(raw: Record<string, unknown>): OEmbed | null {
  const type = text(raw.type);
  if (!type) return null;
  return {
    type,
    version: text(raw.version),
    title: text(raw.title),
    author_name: text(raw.author_name),
    author_url: text(raw.author_url),
    provider_name: text(raw.provider_name),
    provider_url: text(raw.provider_url),
    thumbnail_url: text(raw.thumbnail_url),
    thumbnail_width: number(raw.thumbnail_width),
    thumbnail_height: number(raw.thumbnail_height),
    html: text(raw.html),
    width: number(raw.width) ?? null,
    height: number(raw.height) ?? null,
    url: text(raw.url),
  };
}

/**
 * Fetches an oEmbed endpoint through the same guarded fetcher; a failure only means no oembed, and
 * so does a provider host with no free slot (the page is already fetched: the job is not deferred for it),
 * and an endpoint on a host a site rule denies, or redirecting into one (it is never asked).
 */
@Injectable()
export class OEmbedService {
  private readonly logger = new Logger(OEmbedService.name);

  constructor(
    private readonly fetcher: FetcherService,
    private readonly hosts: HostLimiter,
  ) {}

  async fetch(endpoint: string, signal: AbortSignal): Promise<OEmbed | null> {
    try {
      const response = await this.hosts.run(endpoint, () =>
        this.fetcher.fetch(endpoint, { accept: 'application/json', maxBodyBytes: OEMBED_MAX_BYTES, timeoutMs: OEMBED_TIMEOUT_MS, signal }),
      );
      const parsed: unknown = JSON.parse(response.body.toString('utf8'));
      return typeof parsed === 'object' && parsed !== null ? toOEmbed(parsed as Record<string, unknown>) : null;
    } catch (error) {
      this.logger.debug(`oEmbed ${endpoint} skipped: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  }
}
