import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** Query of `GET /v1/previews` and body of `POST /v1/previews`. */
export class PreviewRequestDto {
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
  @Max(600_000)
  wait?: number;

  /**
   * An http(s) URL to POST the preview to once it is ready or failed (at once if it already is),
   * signed with the Unfurl-Signature header. Needs WEBHOOK_SECRET on the server.
   * @example https://example.com/hooks/unfurl
   */
  @IsOptional()
  @IsString()
  @MaxLength(16_384)
  callbackUrl?: string;
}
