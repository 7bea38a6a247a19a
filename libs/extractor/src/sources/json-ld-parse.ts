export type JsonNode = Record<string, unknown>;

/**
 * Parses the text of JSON-LD scripts as leniently as real pages need: HTML comment and CDATA wrappers,
 * raw control characters inside strings, trailing commas, and several objects written back to back.
 * Returns every node with an @type from top-level values, arrays and @graph lists; broken scripts are skipped.
 */
export function parseJsonLdNodes(texts: string[]): JsonNode[] {
  const nodes: JsonNode[] = [];
  for (const text of texts) collect(parseLoose(text), nodes, 0);
  return nodes;
}

function parseLoose(raw: string): unknown {
  const text = raw
    .trim()
    .replace(/^(<!--|<!\[CDATA\[|\/\/\s*<!\[CDATA\[)/, '')
    .replace(/(-->|\]\]>|\/\/\s*\]\]>)$/, '')
    .trim();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    // Fall through to the repairs below.
  }
  // Raw control characters are invalid inside JSON strings and harmless as whitespace outside them.
  // oxlint-disable-next-line no-control-regex -- removing control characters is the point
  const repaired = text.replace(/[\u0000-\u001f]+/g, ' ').replace(/,\s*([}\]])/g, '$1');
  for (const candidate of [repaired, `[${repaired.replace(/}\s*{/g, '},{')}]`]) {
    try {
      return JSON.parse(candidate);
    } catch {
      // Try the next repair.
    }
  }
  return null;
}

function collect(value: unknown, out: JsonNode[], depth: number): void {
  if (depth > 4 || out.length > 200) return;
  if (Array.isArray(value)) {
    for (const item of value) collect(item, out, depth + 1);
    return;
  }
  if (!isNode(value)) return;
  if (value['@type'] !== undefined) out.push(value);
  if (value['@graph'] !== undefined) collect(value['@graph'], out, depth + 1);
}

export function isNode(value: unknown): value is JsonNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The node's @type names (a string or a list). */
export function typesOf(node: JsonNode): string[] {
  const type = node['@type'];
  if (typeof type === 'string') return [type];
  return Array.isArray(type) ? type.filter((t): t is string => typeof t === 'string') : [];
}
