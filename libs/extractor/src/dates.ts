// Accept dates from the web's first years up to a little past now; anything else is a parsing accident.
const MIN_TIME = Date.UTC(1991, 0, 1);
const MAX_FUTURE_MS = 2 * 365 * 24 * 3600 * 1000;

const LOCAL_DATE_TIME = /^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;
const ISO_COMPACT_OFFSET = /([+-]\d{2})(\d{2})$/;

/**
 * Normalises a date as pages write it (ISO 8601, RFC 2822, "2024-01-02 10:00", unix seconds or
 * milliseconds, "January 2, 2024") to an ISO 8601 UTC string. A date without a zone is read as UTC,
 * so the result never depends on the machine's time zone. Unparseable or implausible dates give null.
 */
export function toIsoDate(value: string | number | null | undefined, now = Date.now()): string | null {
  if (value == null) return null;
  const time = parseTime(typeof value === 'number' ? String(value) : value.trim());
  if (time === null || time < MIN_TIME || time > now + MAX_FUTURE_MS) return null;
  return new Date(time).toISOString();
}

function parseTime(input: string): number | null {
  let text = input;
  if (!text || text.length > 64) return null;
  // "2016-07-07 00:39:49 Etc/GMT" and friends: a named UTC zone after a numeric date.
  text = text.replace(/^(\d{4}-\d{1,2}-\d{1,2}[ T][\d:.]+)\s*(Etc\/)?(GMT|UTC|Z)$/i, '$1');
  if (/^\d{9,13}$/.test(text)) {
    const n = Number(text);
    return text.length >= 12 ? n : n * 1000;
  }
  const local = text.match(LOCAL_DATE_TIME);
  if (local) {
    const [, y, mo, d, h, mi, s] = local.map(Number);
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return null;
    return Date.UTC(y, mo - 1, d, h, mi, s || 0);
  }
  if (/^\d{4}-\d{2}-\d{2}T/.test(text)) {
    // "2024-01-02T10:00:00+0200" is common; Date wants "+02:00". A zone-less ISO time is read as UTC.
    let iso = text.replace(ISO_COMPACT_OFFSET, '$1:$2');
    if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(iso)) iso += 'Z';
    const t = Date.parse(iso);
    return Number.isNaN(t) ? null : t;
  }
  if (/^\d{4}\/\d{1,2}\/\d{1,2}$/.test(text) || /^\d{4}-\d{1,2}-\d{1,2}$/.test(text)) {
    const [y, mo, d] = text.split(/[-/]/).map(Number);
    if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
    return Date.UTC(y, mo - 1, d);
  }
  // Only hand text with a month name or an RFC 2822 shape to Date, which otherwise guesses too freely.
  if (!/[a-z]{3}/i.test(text) || !/\d{4}/.test(text)) return null;
  const withZone = /(gmt|utc|z|[+-]\d{4}|\b[ecmp][sd]t)\b/i.test(text) ? text : `${text} UTC`;
  const t = Date.parse(withZone);
  return Number.isNaN(t) ? null : t;
}
