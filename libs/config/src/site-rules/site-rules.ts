import type { SiteRule, SiteSettings } from './site-rule';

const NO_RULE: SiteSettings = { headers: {}, render: 'auto', deny: false };

/**
 * The site rules in force: the default set, overridden per host pattern by the SITE_RULES file.
 * For a host, the most specific pattern wins: the exact host, else the `*.suffix` with the longest
 * suffix. A matching rule applies as a whole; what it leaves unset falls back to the configuration.
 */
export class SiteRules {
  private readonly byPattern = new Map<string, SiteSettings>();

  constructor(defaults: readonly SiteRule[], rules: readonly SiteRule[] = []) {
    // The file's rules come last, so a pattern in both is the file's.
    for (const rule of [...defaults, ...rules]) {
      for (const pattern of rule.hosts) this.byPattern.set(pattern, settingsOf(pattern, rule));
    }
  }

  /**
   * The settings for `host` (a URL's hostname: lower case, punycode). A trailing dot is dropped first:
   * `example.com.` is the same host in DNS, and must not slip past a rule (patterns never end in one).
   */
  forHost(hostname: string): SiteSettings {
    const host = hostname.replace(/\.+$/, '');
    const exact = this.byPattern.get(host);
    if (exact) return exact;
    for (let dot = host.indexOf('.'); dot !== -1; dot = host.indexOf('.', dot + 1)) {
      const wildcard = this.byPattern.get(`*${host.slice(dot)}`);
      if (wildcard) return wildcard;
    }
    return NO_RULE;
  }

  /** The settings for the host of `url`; none for a string that is not a URL. */
  forUrl(url: string | URL): SiteSettings {
    try {
      return this.forHost(new URL(url).hostname);
    } catch {
      return NO_RULE;
    }
  }

  /** How many host patterns have a rule. */
  get size(): number {
    return this.byPattern.size;
  }
}

function settingsOf(pattern: string, rule: SiteRule): SiteSettings {
  return {
    pattern,
    userAgent: rule.userAgent,
    headers: rule.headers ?? {},
    ttlSeconds: rule.ttlSeconds,
    failureTtlSeconds: rule.failureTtlSeconds,
    render: rule.render ?? 'auto',
    concurrency: rule.concurrency,
    deny: rule.deny ?? false,
  };
}

/** Request headers fit for a log line: the names stay, every value is replaced. */
export function redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.keys(headers).map((name) => [name, '[redacted]']));
}
