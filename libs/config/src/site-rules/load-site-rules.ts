import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { parseSiteRules, SiteRulesError } from './parse-site-rules';
import { DEFAULT_SITE_RULES } from './site-rules.defaults';
import { SiteRules } from './site-rules';

/**
 * The default rules plus those of `file` (YAML, or JSON, which YAML reads too), read once at start.
 * No file: the defaults alone. A file that cannot be read, parsed or validated stops the process;
 * the message never quotes the file's text, which may hold secret header values.
 */
export async function loadSiteRules(file: string | undefined): Promise<SiteRules> {
  if (!file) return new SiteRules(DEFAULT_SITE_RULES);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new SiteRulesError(`SITE_RULES: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const document = parseDocument(text, { uniqueKeys: true });
  const [error] = document.errors;
  if (error) {
    const at = error.linePos?.[0];
    throw new SiteRulesError(`SITE_RULES: ${file} is not valid YAML or JSON${at ? ` (line ${at.line}, column ${at.col})` : ''}: ${error.code}`);
  }
  return new SiteRules(DEFAULT_SITE_RULES, parseSiteRules(document.toJS()));
}
