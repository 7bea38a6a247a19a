import { RENDER_MODES, type RenderMode, type SiteRule } from './site-rule';

/** A SITE_RULES file that cannot be used; the message names the rule and the field, never a header's value. */
export class SiteRulesError extends Error {}

const FIELDS = ['hosts', 'userAgent', 'headers', 'ttlSeconds', 'failureTtlSeconds', 'render', 'concurrency', 'deny'];
/** RFC 9110 token: what a header name may be. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Set by the fetcher itself, or by `userAgent`. */
const RESERVED_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'accept-encoding', 'user-agent']);
/** Header values and user agents: no control characters (CR/LF would split the request). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const FIELD_VALUE = /^[^\0-\x08\x0a-\x1f\x7f]*$/;

/**
 * Checks a parsed SITE_RULES document (`{ rules: [...] }`) and returns its rules with their host
 * patterns normalised (lower case, punycode). Throws SiteRulesError on the first problem, e.g.
 * `SITE_RULES rule 3 (*.example.com): userAgent must be a string`.
 */
export function parseSiteRules(document: unknown): SiteRule[] {
  const rules = (document as { rules?: unknown } | null)?.rules;
  if (!isObject(document) || !Array.isArray(rules)) throw new SiteRulesError('SITE_RULES: the file must hold `rules:`, a list of rules');
  const seen = new Map<string, number>();
  return rules.map((entry: unknown, index) => {
    const number = index + 1;
    const label = isObject(entry) && Array.isArray(entry.hosts) && typeof entry.hosts[0] === 'string' ? `rule ${number} (${entry.hosts[0]})` : `rule ${number}`;
    const fail = (problem: string): never => {
      throw new SiteRulesError(`SITE_RULES ${label}: ${problem}`);
    };
    const rule = parseRule(entry, fail);
    for (const host of rule.hosts) {
      const earlier = seen.get(host);
      if (earlier !== undefined) fail(`host ${host} is already in rule ${earlier}`);
      seen.set(host, number);
    }
    return rule;
  });
}

function parseRule(entry: unknown, fail: (problem: string) => never): SiteRule {
  if (!isObject(entry)) return fail('must be a mapping of fields');
  const unknown = Object.keys(entry).find((key) => !FIELDS.includes(key));
  if (unknown !== undefined) fail(`unknown field ${JSON.stringify(unknown)} (fields: ${FIELDS.join(', ')})`);
  const { hosts, userAgent, headers, ttlSeconds, failureTtlSeconds, render, concurrency, deny } = entry;
  if (!Array.isArray(hosts) || hosts.length === 0) fail('hosts must be a non-empty list of host names');
  const rule: SiteRule = { hosts: (hosts as unknown[]).map((host, index) => hostPattern(host) ?? fail(`hosts[${index}] must be a host name or *.suffix`)) };
  if (userAgent !== undefined) {
    if (typeof userAgent !== 'string' || userAgent.trim() === '') fail('userAgent must be a string');
    if (!FIELD_VALUE.test(userAgent as string)) fail('userAgent must not hold control characters');
    rule.userAgent = userAgent as string;
  }
  if (headers !== undefined) rule.headers = parseHeaders(headers, fail);
  if (ttlSeconds !== undefined) rule.ttlSeconds = integer(ttlSeconds, 1, Number.MAX_SAFE_INTEGER) ?? fail('ttlSeconds must be a whole number of seconds, at least 1');
  if (failureTtlSeconds !== undefined) {
    rule.failureTtlSeconds = integer(failureTtlSeconds, 1, Number.MAX_SAFE_INTEGER) ?? fail('failureTtlSeconds must be a whole number of seconds, at least 1');
  }
  if (render !== undefined) {
    if (!RENDER_MODES.includes(render as RenderMode)) fail(`render must be one of ${RENDER_MODES.join(', ')}`);
    rule.render = render as RenderMode;
  }
  if (concurrency !== undefined) rule.concurrency = integer(concurrency, 1, 1024) ?? fail('concurrency must be a whole number from 1 to 1024');
  if (deny !== undefined) {
    if (typeof deny !== 'boolean') fail('deny must be true or false');
    rule.deny = deny as boolean;
  }
  return rule;
}

function parseHeaders(headers: unknown, fail: (problem: string) => never): Record<string, string> {
  if (!isObject(headers)) return fail('headers must be a mapping of header names to values');
  const parsed: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!TOKEN.test(name)) fail(`headers: ${JSON.stringify(name)} is not a header name`);
    const lower = name.toLowerCase();
    if (lower === 'user-agent') fail('headers: set the user agent with userAgent');
    if (RESERVED_HEADERS.has(lower)) fail(`headers.${name} is set by Unfurl and cannot be changed`);
    // The value is never quoted: it may be a secret.
    if (typeof value !== 'string' || !FIELD_VALUE.test(value)) fail(`headers.${name} must be a string without control characters`);
    parsed[lower] = value as string;
  }
  return parsed;
}

/** `example.com` or `*.example.com`, lower-cased and in punycode as URLs hold them; undefined if neither. */
function hostPattern(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const wildcard = value.startsWith('*.');
  const host = wildcard ? value.slice(2) : value;
  if (host === '' || /[\s/\\:?#@[\]*%]/.test(host)) return undefined;
  let parsed: string;
  try {
    parsed = new URL(`http://${host}/`).hostname;
  } catch {
    return undefined;
  }
  if (parsed === '' || parsed.endsWith('.')) return undefined;
  return wildcard ? `*.${parsed}` : parsed;
}

function integer(value: unknown, min: number, max: number): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
