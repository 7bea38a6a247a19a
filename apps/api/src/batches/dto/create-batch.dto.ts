import { ArrayNotEmpty, IsArray, IsString } from 'class-validator';

/** Body of `POST /v1/batches`. */
export class CreateBatchDto {
  /**
   * The pages to preview, absolute http(s) URLs; at most the server's BATCH_MAX_URLS (default 100).
   * If any is invalid, the whole batch is refused with a 400 problem listing each bad index.
   * @example ["https://example.com/a", "https://example.com/b"]
   */
  @IsArray()
  @ArrayNotEmpty()
  @IsString({ each: true })
  urls: string[];
}
