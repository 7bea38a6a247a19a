interface Rule {
  allow: boolean;
  /** The path pattern, percent-encoding normalised; `*` is any run of characters, a final `$` the end. */
  pattern: string;
  /** Its length in octets, which decides precedence (RFC 9309 2.2.2). */
  length: number;
}

interface Group {
  agents: string[];
  rules: Rule[];
}

/**
 * A parsed robots.txt, as RFC 9309 reads it: groups of `user-agent` lines followed by `allow` and
 * `disallow` rules; a crawler obeys the groups naming its product token (case-insensitive, combined
 * when several do), else the `*` groups, else nothing. Of the rules matching a path the longest wins,
 * `allow` on a tie. Parsing and matching are linear in the text and the path (no regular expressions
 * built from the file), and the fetch caps the text at 512 KiB.
 */
export class RobotsTxt {
  private constructor(private readonly groups: readonly Group[]) {}

  static parse(text: string): RobotsTxt {
    const groups: Group[] = [];
    let current: Group | undefined;
    let inRules = false;
    for (const raw of text.split(/\r\n|\r|\n/)) {
      const line = raw.replace(/#.*$/, '').trim();
      const colon = line.indexOf(':');
      if (colon === -1) continue;
      const key = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (key === 'user-agent') {
        if (!current || inRules) {
          current = { agents: [], rules: [] };
          groups.push(current);
          inRules = false;
        }
        current.agents.push(productToken(value));
      } else if ((key === 'allow' || key === 'disallow') && current) {
        inRules = true;
        // An empty rule matches nothing (`Disallow:` allows everything).
        if (value === '') continue;
        const pattern = normalise(value);
        current.rules.push({ allow: key === 'allow', pattern, length: Buffer.byteLength(pattern) });
      }
    }
    return new RobotsTxt(groups);
  }

  /** Whether the crawler named `agent` (its product token, e.g. `UnfurlBot`) may fetch `path` (path and query). */
  isAllowed(agent: string, path: string): boolean {
    if (path === '/robots.txt') return true;
    const token = agent.toLowerCase();
    let groups = this.groups.filter((group) => group.agents.includes(token));
    if (groups.length === 0) groups = this.groups.filter((group) => group.agents.includes('*'));
    const target = normalise(path);
    let best: Rule | undefined;
    for (const group of groups) {
      for (const rule of group.rules) {
        if (best && (rule.length < best.length || (rule.length === best.length && !rule.allow))) continue;
        if (matches(rule.pattern, target)) best = rule;
      }
    }
    return best?.allow ?? true;
  }
}

/** `UnfurlBot/0.1 (+https://…)` -> `unfurlbot`: the token robots.txt groups are matched on. */
export function productToken(userAgent: string): string {
  return (/^[A-Za-z_*-]+/.exec(userAgent.trim())?.[0] ?? '').toLowerCase();
}

/** Non-ASCII characters percent-encoded as UTF-8, and every escape in upper case, so both sides compare alike. */
function normalise(value: string): string {
  return value.replace(/[^ -~\t]+/g, (run) => encodeURIComponent(run)).replace(/%[0-9a-f]{2}/gi, (escape) => escape.toUpperCase());
}

/** Prefix match with `*` wildcards and an optional final `$`: segments found leftmost, in order. */
function matches(pattern: string, path: string): boolean {
  const anchored = pattern.endsWith('$');
  const segments = (anchored ? pattern.slice(0, -1) : pattern).split('*');
  const first = segments[0];
  if (!path.startsWith(first)) return false;
  if (segments.length === 1) return !anchored || path.length === first.length;
  let position = first.length;
  const last = segments.length - 1;
  for (let index = 1; index < last; index++) {
    const found = path.indexOf(segments[index], position);
    if (found === -1) return false;
    position = found + segments[index].length;
  }
  const tail = segments[last];
  if (anchored) return path.length - tail.length >= position && path.endsWith(tail);
  return path.indexOf(tail, position) !== -1;
}
