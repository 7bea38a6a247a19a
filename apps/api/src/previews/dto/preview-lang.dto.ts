import { LANG_TAG, MAX_LANG_LENGTH } from '@unfurl/contracts';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/** The language a page is asked for in; shared by single requests and batches. */
export class PreviewLangDto {
  /**
   * BCP 47 language tag, sent to the site as Accept-Language. Part of the preview's identity: the
   * same URL in two languages is two previews. Absent: no Accept-Language, the preview every caller
   * without `lang` shares.
   * @example fr-CH
   */
  @IsOptional()
  @IsString()
  @MaxLength(MAX_LANG_LENGTH)
  @Matches(LANG_TAG, { message: 'lang must be a BCP 47 language tag, such as en, fr-CH or zh-Hant-TW' })
  lang?: string;
}
