import { toIsoDate } from './dates';
import { cleanText } from './text';
import { looksLikeUrl } from './urls';

// What a byline says before the name ("By", "Par", "Written by", "Un texte de").
const BYLINE_LEAD = /^(written by|posted by|words by|text by|reported by|un texte de|by|von|par|por|di|door|av|author|autor|auteur|著者|筆者|作者|記者|文)(?![\p{L}])\s*[:：●.]?\s*/iu;
// A date printed right after the name: "谢若含2017-03-01 14:27:02", "KJ : 2019年04月04日 09:00".
const TRAILING_DATE = /[\s:：,|-]*\d{4}\s*[-/.年]\s*\d{1,2}.*$/su;
// The label of another credit that follows the name in a Japanese credits block: "お米ゴハン イラスト".
const TRAILING_ROLE = /\s+(イラスト|漫画|作画|原作|写真|翻訳|監修|編集)$/u;
// A Japanese newspaper's lead names place and reporter: "【ロンドン＝岡田浩幸】１０日に行われた…".
const REPORTER_LEAD = /^\s*【[^】＝=]{1,20}[＝=]([^】＝=]{1,20})】/u;
// Platforms title a member's upload after them: "Instagram photo by Minaal • Jun 19", "Mix - playlist by jo | Spotify".
const TITLE_CREDIT = /\b(?:photo|picture|video|playlist|album|song|track|reel|drawing|artwork|podcast|episode)s?\s+by\s+(.+?)(?:\s+[•|·–—-]\s+|\s*$)/iu;
// What follows the name in a byline sentence: " in Valve on 1 June 2019", " | 3 min read".
const BYLINE_CONTEXT = /\s+(in|on|at|for|from|updated|published|posted|le|il|am|el)\s.*$/s;
const BY_HANDLE = /^\s*by\s*[:.]?\s*([\p{L}\p{N}][\p{L}\p{N}_.-]{1,29})\s*$/iu;
// Credits that are not the writer's: "Photograph by ...", "Illustration: ...".
const OTHER_CREDIT = /^(photo(graph)?s?|pictures?|images?|illustrations?|video|graphics?)\s*(by\b|:)/i;
// Link texts of author links that are not names.
const NOT_A_NAME = /^(about|about us|about me|contact|home|more|profile|bio|posts|view all|see all|all posts)$/i;
// Company names are publishers, not writers ("mediagene Inc.", "Example GmbH", "株式会社...").
const CORPORATE = /\b(inc|ltd|llc|gmbh|corp|co|plc|s\.a|ag)\.?$|株式会社|有限会社/i;
// A role in brackets after the name: "Jim Wilson (Author)", "Cécile Ducourtieux (Bruxelles, bureau européen)".
const TRAILING_BRACKETS = /\s*[([][^()[\]]*[)\]]\s*$/;
// Separators between a byline's name and what follows it: "Mike Cason | mcason@al.com", "Saibal Dasgupta / TNN".
const BYLINE_SEPARATOR = /\s+[|/·•–—]\s+|\s*[|·•／]\s*/;
// Words that may stand lower-case inside a name ("Anna van der Berg", "Jane Doe and John Roe").
const NAME_PARTICLES = new Set(['and', 'und', 'et', 'y', 'e', 'de', 'da', 'di', 'del', 'della', 'der', 'den', 'van', 'von', 'le', 'la', 'du', 'bin', 'al', 'dos', 'das', 'ter', 'ten']);

/**
 * An author name as a card shows it: not a URL, an e-mail, a date, or the site's own name (`orgNames`:
 * the site name and publisher); without "By ", a bracketed role or what follows a separator;
 * "Last, First" as "First Last".
 */
export function cleanAuthor(value: string | null | undefined, orgNames: (string | null)[] = []): string | null {
  let text = cleanText(value, 200);
  if (!text || OTHER_CREDIT.test(text)) return null;
  for (let previous = ''; previous !== text; ) {
    [previous, text] = [text, text.replace(BYLINE_LEAD, '').replace(TRAILING_BRACKETS, '').replace(TRAILING_DATE, '').replace(TRAILING_ROLE, '').trim()];
  }
  // "Naver Blog | TechPlus" stated as both site name and author: the site crediting itself as a whole.
  if (namesOrganisation(text, orgNames)) return null;
  text = text.split(BYLINE_SEPARATOR)[0].replace(/^[\s,;:-]+|[\s,;:-]+$/g, '');
  if (!text || looksLikeUrl(text) || text.includes('://') || /^\S+@\S+\.\S+$/.test(text)) return null;
  if (toIsoDate(text) !== null || /^\d+$/.test(text)) return null;
  if (text.length > 120 || NOT_A_NAME.test(text) || looksCorporate(text) || namesOrganisation(text, orgNames)) return null;
  // "Gillman, Steve": a surname and given name(s) in citation order.
  const inverted = text.match(/^(\p{Lu}[\p{L}'-]+), (\p{Lu}[\p{L}'-]+(?: \p{Lu}\.?)?)$/u);
  return inverted ? `${inverted[2]} ${inverted[1]}` : text;
}

/**
 * The name(s) a visible byline gives, or null when the text does not read like names: a few words,
 * each capitalised or a particle (or in a script without case), no digits, no sentence. A byline
 * element often holds more than the name: the whole text is tried, then line by line.
 */
export function bylineName(value: string, orgNames: (string | null)[] = []): string | null {
  const lines: string[] = [];
  for (const line of value.split(/\n/)) {
    const text = line.trim();
    if (!text) continue;
    // "By" on a line of its own belongs to the next line.
    if (lines.length > 0 && lines.at(-1)!.replace(BYLINE_LEAD, '') === '') lines[lines.length - 1] += ` ${text}`;
    else lines.push(text);
  }
  for (const candidate of [value, ...(lines.length > 1 ? lines : [])]) {
    const name = nameIn(candidate, orgNames);
    if (name) return name;
  }
  return null;
}

function nameIn(value: string, orgNames: (string | null)[]): string | null {
  // "by doumae", "By.KJ": after an explicit "By", a single user name counts whatever its case.
  const handle = value.match(BY_HANDLE);
  if (handle) return cleanAuthor(handle[1], orgNames);
  // "Written by Michael Larabel in Valve on 1 June 2019": the name ends where the context starts.
  // "[田中宏昌，ITmedia]": a bracketed credit listing the writer first.
  const unwrapped = value.trim().replace(/^\[(.*)\]$/, '$1').split(/[，、]/)[0];
  // "Politik · Jochen Bittner": of the parts a separator makes, the first that reads like a full name.
  const segments = unwrapped.replace(BYLINE_CONTEXT, '').split(BYLINE_SEPARATOR);
  const named = segments.find((segment) => /\p{Lu}\S*\s+\p{Lu}/u.test(segment)) ?? segments[0];
  // "Manu Sporny, Digital Bazaar", "Jane Doe, John Roe": the first name credited, as from JSON-LD.
  const text = cleanAuthor(named, orgNames)?.split(', ')[0];
  if (!text || text.length > 80 || /\d|@/.test(text) || /\p{L}{3,}[.!?]\s+\p{Lu}/u.test(text)) return null;
  const parts = text.split(/[\s,&]+/).filter(Boolean);
  if (parts.length > 8) return null;
  return parts.every((w) => NAME_PARTICLES.has(w.toLowerCase()) || /^[^\p{L}]*[\p{Lu}\p{Lo}]/u.test(w)) ? text : null;
}

/**
 * The writer a card's own text credits when no byline markup does: a Japanese newspaper's
 * "【place＝reporter】" lead in the description, or an upload titled "photo by Name" / "playlist by name".
 */
export function creditInCardText(titles: (string | null)[], description: string | null, orgNames: (string | null)[]): string | null {
  const reporter = description?.match(REPORTER_LEAD);
  if (reporter) return cleanAuthor(reporter[1], orgNames);
  for (const title of titles) {
    const credit = title?.match(TITLE_CREDIT);
    if (credit) return cleanAuthor(credit[1], orgNames);
  }
  return null;
}

/**
 * A stated author that only names the outlet a visible byline credits its writer to ("ASCII" beside
 * "文● オカモト／ASCII編集部", "TNN" beside "Saibal Dasgupta / TNN"): the byline's writer instead.
 */
export function writerOverOutlet(stated: string | null, shown: string | null, bylines: string[]): string | null {
  if (!stated || !shown || stated === shown) return stated;
  const outlet = stated.toLowerCase();
  const credited = bylines.some((line) => {
    const at = line.indexOf(shown);
    const rest = at < 0 ? '' : line.slice(at + shown.length).replace(/^\s*[/／|·•,，]\s*/, '');
    return rest !== line.slice(at + shown.length) && rest.toLowerCase().startsWith(outlet);
  });
  return credited ? shown : stated;
}

export function looksCorporate(name: string): boolean {
  return CORPORATE.test(name.trim());
}

/** "ABC News", "Us Weekly Staff", "Zone Justice - ICI.Radio-Canada.ca": the site credits itself, not a writer. */
function namesOrganisation(author: string, orgNames: (string | null)[]): boolean {
  const name = ` ${words(author)} `;
  return orgNames.some((org) => {
    const o = words(org);
    return o.length >= 3 && name.includes(` ${o} `);
  });
}

// "AOL.com", "BroadwayWorld.com": a site named after its domain is credited without the ending.
const DOMAIN_ENDING = /\.(com|net|org|co|io|tv|jp|de|fr|uk)(\.[a-z]{2})?$/i;

function words(value: string | null): string {
  return (value ?? '').replace(DOMAIN_ENDING, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}
