/** Normalises a language tag to BCP 47 casing ("en_us" -> "en-US", "zh-hans-cn" -> "zh-Hans-CN"), else null. */
export function normaliseLang(value: string | null | undefined): string | null {
  if (!value) return null;
  const tag = value.trim().split(/[,;]/)[0].trim().replace(/_/g, '-');
  if (!/^[a-z]{2,3}(-[a-z0-9]{1,8})*$/i.test(tag) || /^(und|mul|zxx|xx)$/i.test(tag)) return null;
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    return null;
  }
}

/**
 * A language guessed from the writing system of a page's title, for CJK pages that declare none:
 * kana only occur in Japanese and Hangul only in Korean, and Han without either is Chinese.
 */
export function langFromScript(text: string | null): string | null {
  if (!text) return null;
  if (/[\u3040-\u30ff]/.test(text)) return 'ja';
  if (/[\uac00-\ud7af]/.test(text)) return 'ko';
  if (/[\u4e00-\u9fff]/.test(text)) return 'zh';
  return null;
}
