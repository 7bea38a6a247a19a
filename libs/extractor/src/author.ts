import { toIsoDate } from './dates';
import { cleanText } from './text';
import { looksLikeUrl } from './urls';

/** An author name as a card shows it: not a URL, not a date, not a handle-only profile, without "By ". */
export function cleanAuthor(value: string | null | undefined): string | null {
  let text = cleanText(value, 200);
  if (!text) return null;
  text = text.replace(/^(by|von|par|por|di|door|av)\s*[:\s]\s*/i, '').trim();
  if (!text || looksLikeUrl(text) || text.includes('://') || /^\S+@\S+\.\S+$/.test(text)) return null;
  if (toIsoDate(text) !== null || /^\d+$/.test(text)) return null;
  if (text.length > 120) return null;
  return text;
}
