import { ArrayNotEmpty, IsArray, IsString } from 'class-validator';
import { PreviewLangDto } from '../../previews/dto/preview-lang.dto';

/**
 * Body of `POST /v1/batches`. `lang` applies to every URL. A batch answers at once and leaves the
 * cache decisions of single requests (force, maxAge) to them: ask for those one preview at a time.
 */
export class CreateBatchDto extends PreviewLangDto {
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
