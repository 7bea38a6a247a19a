import { FIELDS, type Field, type LabelValue } from './score';

export interface FieldTally {
  /** Pages whose label has a value for the field. */
  scored: number;
  right: number;
  /** Pages whose label is null (the page states none) ... */
  unlabelled: number;
  /** ... of which the tool still gave a value. */
  invented: number;
}

export interface ToolResult {
  name: string;
  notes: string[];
  fields: Partial<Record<Field, FieldTally>>;
  /** Overall figures per corpus folder (its pages differ in kind: see the README's extraction section). */
  folders: Record<string, { scored: number; right: number }>;
  /** Mean ms per page. */
  ms: number;
}

export interface Miss {
  page: string;
  field: Field;
  label: LabelValue;
  [tool: string]: unknown;
}

// Fields some tool does not offer at all are left out of the second overall figure.
const COMMON_FIELDS = FIELDS.filter((f) => f !== 'type');

const percent = (right: number, scored: number) => (scored === 0 ? 'n/a' : `${((100 * right) / scored).toFixed(1)}%`);

function overall(result: ToolResult, fields: readonly Field[]): { right: number; scored: number } {
  let right = 0;
  let scored = 0;
  for (const field of fields) {
    right += result.fields[field]?.right ?? 0;
    scored += result.fields[field]?.scored ?? 0;
  }
  return { right, scored };
}

/** The Markdown table: accuracy per field and overall, values invented where the label is null, ms per page. */
export function renderReport(results: ToolResult[], pages: number): string {
  const head = `| field | labelled | ${results.map((r) => r.name).join(' | ')} |\n|---|---:|${results.map(() => '---:').join('|')}|`;
  const rows = FIELDS.map((field) => {
    const scored = results[0].fields[field]?.scored ?? 0;
    return `| ${field} | ${scored} | ${results.map((r) => percent(r.fields[field]?.right ?? 0, scored)).join(' | ')} |`;
  });
  const total = overall(results[0], FIELDS).scored;
  const common = overall(results[0], COMMON_FIELDS).scored;
  const invented = (r: ToolResult) => FIELDS.reduce((sum, f) => sum + (r.fields[f]?.invented ?? 0), 0);
  const unlabelled = FIELDS.reduce((sum, f) => sum + (results[0].fields[f]?.unlabelled ?? 0), 0);
  rows.push(
    `| **overall** | ${total} | ${results.map((r) => `**${percent(overall(r, FIELDS).right, total)}**`).join(' | ')} |`,
    `| overall without type | ${common} | ${results.map((r) => percent(overall(r, COMMON_FIELDS).right, common)).join(' | ')} |`,
    ...Object.keys(results[0].folders)
      .toSorted()
      .map((folder) => `| overall on ${folder}/ | ${results[0].folders[folder].scored} | ${results.map((r) => percent(r.folders[folder]?.right ?? 0, r.folders[folder]?.scored ?? 0)).join(' | ')} |`),
    `| invented (label: none stated) | ${unlabelled} | ${results.map(invented).join(' | ')} |`,
    `| ms per page | | ${results.map((r) => r.ms.toFixed(1)).join(' | ')} |`,
  );
  const inventedRows = FIELDS.filter((f) => (results[0].fields[f]?.unlabelled ?? 0) > 0).map(
    (f) => `| ${f} | ${results[0].fields[f]?.unlabelled ?? 0} | ${results.map((r) => r.fields[f]?.invented ?? 0).join(' | ')} |`,
  );
  return [
    `Accuracy on ${pages} labelled pages (case, whitespace, quote style and …/... ignored; URLs by scheme-, www- and slash-less form; dates by day; lang by primary subtag):`,
    '',
    head,
    ...rows,
    '',
    'Values given where the label says the page states none, per field:',
    '',
    `| field | label null | ${results.map((r) => r.name).join(' | ')} |\n|---|---:|${results.map(() => '---:').join('|')}|`,
    ...inventedRows,
    '',
    ...results.flatMap((r) => r.notes).map((n) => `- ${n}`),
  ].join('\n');
}
