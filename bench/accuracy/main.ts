// `npm run bench:accuracy [-- corpusDir]`: Unfurl, metascraper and open-graph-scraper on the labelled
// pages (bench/accuracy/labels.json, keyed by path under the corpus, default ../shared/corpus), scored
// field by field (score.ts); prints the table and writes bench/results/accuracy.{md,json}.
import { access, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { decodeHtml } from '@unfurl/extractor';
import { renderReport, type ToolResult, type Miss } from './report';
import { FIELDS, judge, type Card, type Label } from './score';
import { TOOLS } from './tools';

const root = path.resolve(__dirname, '..', '..', '..');
const LABELS = path.join(root, 'bench', 'accuracy', 'labels.json');
const RESULTS = path.join(root, 'bench', 'results');

interface Page {
  key: string;
  label: Label;
  html: string;
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

async function loadPages(corpus: string): Promise<Page[]> {
  const labels = JSON.parse(await readFile(LABELS, 'utf8')) as Record<string, Label>;
  const pages: Page[] = [];
  for (const [key, label] of Object.entries(labels)) {
    if (!label.pageUrl) {
      console.error(`${key}: the label gives no pageUrl to extract it as, skipped`);
      continue;
    }
    const file = path.join(corpus, key);
    if (!(await exists(file))) {
      console.error(`${key}: labelled but not in ${corpus}, skipped`);
      continue;
    }
    // One decoding for every tool: the string Unfurl's own decoder makes of the bytes.
    pages.push({ key, label, html: decodeHtml(new Uint8Array(await readFile(file)), null) });
  }
  return pages;
}

async function main(): Promise<void> {
  const corpus = path.resolve(process.argv[2] ?? path.join(root, '..', 'shared', 'corpus'));
  if (!(await exists(corpus))) {
    console.log(`bench:accuracy skipped: no corpus at ${corpus} (pass its path: npm run bench:accuracy -- <dir>)`);
    return;
  }
  const pages = await loadPages(corpus);
  if (pages.length === 0) {
    console.log('bench:accuracy skipped: no labelled page found in the corpus');
    return;
  }
  const results: ToolResult[] = TOOLS.map((tool) => ({ name: tool.name, notes: tool.notes, fields: {}, folders: {}, ms: 0 }));
  const cards: Card[][] = TOOLS.map(() => []);
  // A warm-up pass collects the answers (they do not change between passes); the second pass is timed.
  for (const timed of [false, true]) {
    for (const [t, tool] of TOOLS.entries()) {
      for (const page of pages) {
        const start = performance.now();
        const card = await tool.run(page.html, page.label.pageUrl);
        if (timed) results[t].ms += performance.now() - start;
        else cards[t].push(card);
      }
    }
  }
  const misses: Miss[] = [];
  for (const [i, page] of pages.entries()) {
    for (const field of FIELDS) {
      for (const [t, result] of results.entries()) {
        const verdict = judge(field, page.label[field], cards[t][i][field], page.label.pageUrl);
        const tally = (result.fields[field] ??= { scored: 0, right: 0, invented: 0, unlabelled: 0 });
        if (verdict === 'right' || verdict === 'wrong') tally.scored++;
        else tally.unlabelled++;
        if (verdict === 'right') tally.right++;
        const folder = (result.folders[page.key.split('/')[0]] ??= { scored: 0, right: 0 });
        if (verdict === 'right' || verdict === 'wrong') folder.scored++;
        if (verdict === 'right') folder.right++;
        if (verdict === 'invented') tally.invented++;
        if (t === 0 && verdict !== 'right' && verdict !== 'unscored') {
          misses.push({ page: page.key, field, label: page.label[field], ...Object.fromEntries(results.map((r, k) => [r.name, cards[k][i][field]])) });
        }
      }
    }
  }
  for (const result of results) result.ms /= pages.length;
  const report = renderReport(results, pages.length);
  console.log(report);
  await writeFile(path.join(RESULTS, 'accuracy.md'), `${report}\n`);
  const json = { pages: pages.length, tools: results, unfurlMisses: misses };
  await writeFile(path.join(RESULTS, 'accuracy.json'), `${JSON.stringify(json, null, 2)}\n`);
  console.log(`\n${misses.length} Unfurl misses (with what the peers said) in bench/results/accuracy.json`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
