/** The longest language tag accepted: RFC 5646 asks implementations to take at least 35 characters. */
export const MAX_LANG_LENGTH = 64;

/**
 * A BCP 47 (RFC 5646) language tag, case-insensitive: language (with up to three extended
 * subtags), script, region, variants, extensions, private use; or a private-use tag alone.
 * Grandfathered irregular tags (i-klingon) are not accepted.
 */
export const LANG_TAG =
  /^(?:(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})(?:-[a-z]{4})?(?:-(?:[a-z]{2}|\d{3}))?(?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*(?:-[a-wyz\d](?:-[a-z\d]{2,8})+)*(?:-x(?:-[a-z\d]{1,8})+)?|x(?:-[a-z\d]{1,8})+)$/i;

export function isLangTag(input: string): boolean {
  return input.length <= MAX_LANG_LENGTH && LANG_TAG.test(input);
}

/**
 * The one spelling of a language tag that preview ids are derived from: RFC 5646's conventional
 * case (language lower, script title case, region upper, everything from a singleton on lower).
 * Done by hand rather than with Intl.getCanonicalLocales, whose alias mapping changes with ICU
 * versions: a preview's id must not change with the Node.js it runs on. Throws on a non-tag.
 */
export function normalizeLang(input: string): string {
  if (!isLangTag(input)) throw new RangeError(`not a BCP 47 language tag: ${input.slice(0, MAX_LANG_LENGTH)}`);
  const subtags = input.toLowerCase().split('-');
  let extension = subtags[0].length === 1;
  return subtags
    .map((subtag, index) => {
      if (index === 0 || extension) return subtag;
      if (subtag.length === 1) {
        extension = true;
        return subtag;
      }
      if (subtag.length === 2) return subtag.toUpperCase();
      if (subtag.length === 4 && /^[a-z]{4}$/.test(subtag)) return subtag[0].toUpperCase() + subtag.slice(1);
      return subtag;
    })
    .join('-');
}
