// How a tool's value is compared with a label (issue 9): typography and case never count, URLs and
// dates are compared as what they point at, languages by their primary subtag.

export const FIELDS = ['title', 'description', 'image', 'author', 'publishedAt', 'modifiedAt', 'lang', 'siteName', 'publisher', 'url', 'logo', 'type'] as const;
export type Field = (typeof FIELDS)[number];

/** One tool's answer for a page: a value per field, or null when the tool gives none. */
export type Card = Record<Field, string | null>;

/** A label: null = the page states none; a string; or a short list of acceptable answers. */
export type LabelValue = string | string[] | null;
export type Label = Record<Field, LabelValue> & { pageUrl: string };

export type Verdict = 'right' | 'wrong' | 'invented' | 'unscored';

const URL_FIELDS = new Set<Field>(['image', 'url', 'logo']);
const DATE_FIELDS = new Set<Field>(['publishedAt', 'modifiedAt']);

/** right/wrong when the label has a value; invented/unscored when the label says the page states none. */
export function judge(field: Field, label: LabelValue, value: string | null, pageUrl: string): Verdict {
  const given = value === null ? [] : keys(field, value, pageUrl);
  if (label === null) return given.length > 0 ? 'invented' : 'unscored';
  const expected = (Array.isArray(label) ? label : [label]).flatMap((v) => keys(field, v, pageUrl));
  return given.some((k) => expected.includes(k)) ? 'right' : 'wrong';
}

/** The comparable forms of a value (a date has two: the day as written and the UTC day). */
function keys(field: Field, value: string, pageUrl: string): string[] {
  if (URL_FIELDS.has(field)) return nonEmpty([comparableUrl(value, pageUrl)]);
  if (DATE_FIELDS.has(field)) return calendarDays(value);
  if (field === 'lang') return nonEmpty([value.trim().toLowerCase().split(/[-_]/)[0]]);
  return nonEmpty([comparableText(value)]);
}

function nonEmpty(values: string[]): string[] {
  return values.filter((v) => v.length > 0);
}

export function comparableText(value: string): string {
  return value
    .replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"')
    .replace(/\u2026/g, '...')
    .replace(/[\s\u00a0\u200b\ufeff]+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Scheme, `www.`, a trailing slash, entity- and percent-encoding do not matter; relative URLs resolve against the page. */
export function comparableUrl(value: string, pageUrl: string): string {
  const decoded = value.trim().replace(/&amp;|&#0*38;|&#x0*26;/gi, '&');
  if (!decoded) return '';
  let href: string;
  try {
    href = new URL(decoded.startsWith('//') ? `https:${decoded}` : decoded, pageUrl).href;
  } catch {
    href = decoded;
  }
  try {
    href = decodeURI(href);
  } catch {
    // Keep it encoded: a malformed escape compares as written.
  }
  return href
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/^www\./i, '')
    .replace(/\/+(?=[?#]|$)/, '')
    .toLowerCase();
}

/** The day as written (`2024-01-02...`) and the UTC day of the instant, when either can be read. */
export function calendarDays(value: string): string[] {
  const text = value.trim();
  const days = new Set<string>();
  const written = text.match(/^(\d{4})-(\d{2})-(\d{2})/);
  if (written) days.add(written.slice(1).join('-'));
  const time = /^\d{4}-\d{2}-\d{2}$/.test(text) ? Date.parse(`${text}T00:00:00Z`) : Date.parse(text);
  if (!Number.isNaN(time)) days.add(new Date(time).toISOString().slice(0, 10));
  return [...days];
}
