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

// Scripts used by one language only (for the purpose of a card), checked after the CJK ones.
const SCRIPT_LANGS: [RegExp, string][] = [
  [/[\u0590-\u05ff]{3}/, 'he'],
  [/[\u0e00-\u0e7f]{3}/, 'th'],
  [/[\u0370-\u03ff]{3}/, 'el'],
];
// Words so frequent in English prose that three of them in a title and description give the language away.
const ENGLISH_WORDS = new Set(['the', 'and', 'of', 'to', 'in', 'is', 'for', 'with', 'on', 'your', 'you', 'a', 'an', 'at', 'from', 'by', 'this', 'that', 'are', 'how', 'what']);

/**
 * A language guessed from a page's own text (its title and description) when it declares none: kana
 * only occur in Japanese and Hangul only in Korean, Han without either is Chinese; Hebrew, Thai and
 * Greek letters name their language; Latin text with common English words is English.
 */
export function langFromText(...texts: (string | null)[]): string | null {
  const text = texts.filter(Boolean).join(' ');
  if (!text) return null;
  if (/[\u3040-\u30ff]/.test(text)) return 'ja';
  if (/[\uac00-\ud7af]/.test(text)) return 'ko';
  if (/[\u4e00-\u9fff]/.test(text)) return 'zh';
  for (const [pattern, lang] of SCRIPT_LANGS) if (pattern.test(text)) return lang;
  const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
  return words.filter((w) => ENGLISH_WORDS.has(w)).length >= 3 ? 'en' : null;
}
