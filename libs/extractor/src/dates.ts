// Accept dates from the web's first years up to a little past now; anything else is a parsing accident.
const MIN_TIME = Date.UTC(1991, 0, 1);
const MAX_FUTURE_MS = 2 * 365 * 24 * 3600 * 1000;

// "2024-01-02 10:00", "2016-11-28 16:23:00 -0500", "2018-10-29T10:15-500", "2016-12-01@13:35:57".
const LOCAL_DATE_TIME = /^(\d{4})-(\d{1,2})-(\d{1,2})[ T@](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{1,2}:?\d{2})?$/i;
// "12-15-2016", "12/15/2016" (month first unless the first number cannot be a month), "19.07.2022" (day first).
const NUMERIC_DAY_FIRST_OR_MONTH_FIRST = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})$/;
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
    const [y, mo, d, h, mi, s] = local.slice(1, 7).map(Number);
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return null;
    return Date.UTC(y, mo - 1, d, h, mi, s || 0) - offsetMinutes(local[7]) * 60_000;
  }
  const numeric = text.match(NUMERIC_DAY_FIRST_OR_MONTH_FIRST);
  if (numeric) {
    const [a, b, y] = [Number(numeric[1]), Number(numeric[3]), Number(numeric[4])];
    const [d, mo] = numeric[2] === '.' || a > 12 ? [a, b] : [b, a];
    return dayTime(y, mo, d);
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
    return dayTime(y, mo, d);
  }
  // "2017-03-13|21h15": an ISO day followed by a time in a form of the site's own.
  const leadingDay = text.match(/^(\d{4})-(\d{2})-(\d{2})[|\s]/);
  if (leadingDay && !/[a-z]{3}/i.test(text)) return dayTime(Number(leadingDay[1]), Number(leadingDay[2]), Number(leadingDay[3]));
  // Only hand text with a month name or an RFC 2822 shape to Date, which otherwise guesses too freely.
  if (!/[a-z]{3}/i.test(text) || !/\d{4}/.test(text)) return null;
  const withZone = /(gmt|utc|z|[+-]\d{4}|\b[ecmp][sd]t)\b/i.test(text) ? text : `${text} UTC`;
  const t = Date.parse(withZone);
  return Number.isNaN(t) ? null : t;
}

function dayTime(y: number, mo: number, d: number): number | null {
  return mo < 1 || mo > 12 || d < 1 || d > 31 ? null : Date.UTC(y, mo - 1, d);
}

/** Minutes east of UTC of "Z", "+02:00", "+0200" or "-500"; 0 when absent. */
function offsetMinutes(zone: string | undefined): number {
  const m = zone?.match(/^([+-])(\d{1,2}):?(\d{2})$/);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = '(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?';
// Dates as pages print them in a dateline, anywhere in a short text: "2019年02月22日", "2020-07-07 17:29",
// "December 16, 2016, 4:19 PM", "Dec 1st 2016", "16 December 2016", "11/28/2016 11:00 AM", "19.07.2022",
// "2020. 7. 7.".
const TEXT_DATES: [RegExp, (m: RegExpMatchArray) => [number, number, number]][] = [
  [/(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/, (m) => [Number(m[1]), Number(m[2]), Number(m[3])]],
  [/\b(\d{4})[-/.]\s?(\d{1,2})[-/.]\s?(\d{1,2})\b/, (m) => [Number(m[1]), Number(m[2]), Number(m[3])]],
  [new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'i'), (m) => [Number(m[3]), MONTHS.indexOf(m[1].toLowerCase()) + 1, Number(m[2])]],
  [new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\.?\\s+${MONTH}\\s+(\\d{4})\\b`, 'i'), (m) => [Number(m[3]), MONTHS.indexOf(m[2].toLowerCase()) + 1, Number(m[1])]],
  [/\b(\d{1,2})([/.])(\d{1,2})\2(\d{4})\b/, (m) => (m[2] === '.' || Number(m[1]) > 12 ? [Number(m[4]), Number(m[3]), Number(m[1])] : [Number(m[4]), Number(m[1]), Number(m[3])])],
];

/** The first date printed in a short text (a dateline), as an ISO 8601 day, else null. */
export function dateInText(text: string | null | undefined, now = Date.now()): string | null {
  if (!text || text.length > 300) return null;
  for (const [pattern, parts] of TEXT_DATES) {
    const m = text.match(pattern);
    if (!m) continue;
    const time = dayTime(...parts(m));
    if (time !== null && time >= MIN_TIME && time <= now + MAX_FUTURE_MS) return new Date(time).toISOString();
  }
  return null;
}

/** A publication day in a URL path, as news sites write it: /2016/12/09/ or /2016-12-09-. */
export function dateInUrlPath(url: string, now = Date.now()): string | null {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  const m = path.match(/\/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?=[/-]|\.\w+$|$)/);
  if (!m) return null;
  const time = dayTime(Number(m[1]), Number(m[2]), Number(m[3]));
  return time !== null && time >= MIN_TIME && time <= now + MAX_FUTURE_MS ? new Date(time).toISOString() : null;
}
