// `node bench/accuracy/merge-labels.mjs <dir> [--verbose]`: merges the labellers' part files (*.json in
// <dir>, each an object keyed by corpus path) into bench/accuracy/labels.json, sorted by key. A page
// labelled in two parts keeps the first part's label (by file name); how often the two readers agree
// is reported, field by field, as a check of the labels (--verbose lists every disagreement).
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

const dir = process.argv[2];
const verbose = process.argv.includes('--verbose');
if (!dir) {
  console.error('usage: node bench/accuracy/merge-labels.mjs <directory of label part files> [--verbose]');
  process.exit(1);
}
const out = path.join(import.meta.dirname, 'labels.json');
const merged = {};
const agreement = {};
let doubles = 0;
for (const name of (await readdir(dir)).filter((n) => n.endsWith('.json')).toSorted()) {
  let part;
  try {
    part = JSON.parse(await readFile(path.join(dir, name), 'utf8'));
  } catch (error) {
    console.error(`${name}: skipped, not valid JSON yet (${error.message})`);
    continue;
  }
  for (const [key, label] of Object.entries(part)) {
    if (!merged[key]) {
      merged[key] = label;
      continue;
    }
    doubles++;
    for (const field of Object.keys(label).filter((f) => f !== 'notes' && f !== 'pageUrl')) {
      const same = overlaps(merged[key][field], label[field]);
      const tally = (agreement[field] ??= { same: 0, differ: 0 });
      tally[same ? 'same' : 'differ']++;
      if (!same && verbose) console.error(`${key} ${field}: ${JSON.stringify(merged[key][field])} | ${name}: ${JSON.stringify(label[field])}`);
    }
  }
}
const sorted = Object.fromEntries(Object.keys(merged).toSorted().map((key) => [key, merged[key]]));
await writeFile(out, `${JSON.stringify(sorted, null, 2)}\n`);
console.log(`${Object.keys(sorted).length} labelled pages -> ${path.relative(process.cwd(), out)}`);
if (doubles > 0) {
  const fields = Object.entries(agreement).map(([field, { same, differ }]) => `${field} ${same}/${same + differ}`);
  console.log(`${doubles} pages labelled twice (first kept); readers agree on: ${fields.join(', ')}`);
}

/** Two labels agree when they share an acceptable answer (case and whitespace ignored), or are both null. */
function overlaps(a, b) {
  const left = answers(a);
  return answers(b).some((x) => left.includes(x));
}

function answers(v) {
  return v === null || v === undefined ? [null] : (Array.isArray(v) ? v : [v]).map((x) => String(x).replace(/\s+/g, ' ').trim().toLowerCase());
}
