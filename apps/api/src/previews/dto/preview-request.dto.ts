import { ApiPropertyOptional } from '@nestjs/swagger';
import { RENDER_MODES, type RenderMode } from '@unfurl/contracts';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { PreviewLangDto } from './preview-lang.dto';

/** `true`/`false` as a query string spells them; anything else is left for IsBoolean to refuse. */
const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** The largest `wait` (ms) and `maxAge` (s) a request may give; also checked by the hot cache's reads. */
export const MAX_WAIT_MS = 600_000;
export const MAX_MAX_AGE_SECONDS = 31_536_000;

/** Query of `GET /v1/previews` and body of `POST /v1/previews`. */
export class PreviewRequestDto extends PreviewLangDto {
  /**
   * The page to preview: an absolute http(s) URL.
   * @example https://example.com/article
   */
  @IsString()
  @IsNotEmpty()
  url: string;

  /**
   * Milliseconds to hold the request until the preview is ready (capped by the server's WAIT_MAX_MS);
   * 0 or absent answers at once, with 202 while the preview is pending.
   * @example 5000
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_WAIT_MS)
  wait?: number;

  /**
   * Fetch the page again now, even if the stored preview is fresh (Unfurl-Cache: BYPASS with `wait`,
   * STALE without). At most once per FORCE_MIN_INTERVAL_SECONDS per preview: within that interval the
   * stored preview is served, with Unfurl-Force: refused.
   * @example true
   */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  force?: boolean;

  /**
   * Seconds: a stored preview fetched longer ago than this is fetched again, before answering with
   * `wait` (Unfurl-Cache: REFRESH), or while the stored one is answered without it (STALE).
   * @example 3600
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_MAX_AGE_SECONDS)
  maxAge?: number;

  /**
   * An http(s) URL to POST the preview to once it is ready or failed (at once if it already is),
   * signed with the Unfurl-Signature header. Needs WEBHOOK_SECRET on the server.
   * @example https://example.com/hooks/unfurl
   */
  @IsOptional()
  @IsString()
  @MaxLength(16_384)
  callbackUrl?: string;

  /**
   * Whether the page is read in a headless browser, for pages whose scripts write their title and
   * tags: `auto` renders it only when the static page looks like a script shell, `always` renders
   * every HTML page, `never` reads statically. Absent: the host's site rule, else `auto`. Applies
   * when the page is fetched (a new preview, a refresh, a retry, `force`), not to a stored preview.
   * @example auto
   */
  @ApiPropertyOptional({ enum: RENDER_MODES })
  @IsOptional()
  @IsIn(RENDER_MODES)
  render?: RenderMode;

  /**
   * Also keep a viewport screenshot of the rendered page (at most 1200x630), served at
   * `data.screenshot.url`. Needs the renderer; not taken with `render=never`.
   * @example true
   */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  screenshot?: boolean;
}
