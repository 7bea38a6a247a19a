import { IsNotEmpty, IsString } from 'class-validator';
import { PreviewLangDto } from './preview-lang.dto';

/** Query of `DELETE /v1/previews`: the preview of a URL in a language (or none). */
export class PreviewPurgeDto extends PreviewLangDto {
  /**
   * The URL whose preview to remove, as it was asked for (it is normalised the same way).
   * @example https://example.com/article
   */
  @IsString()
  @IsNotEmpty()
  url: string;
}
