// `npm run bench:extract [dir]`: ms/page of Unfurl's extractPage (decode + extract) against a bare
// htmlparser2 parse of the same decoded pages with the tokenizer extractPage uses (the floor) and
// open-graph-scraper, interleaved per page after a warm-up; then, for a real corpus, how many pages
// each filled per field.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { decodeHtml, extractPage, SkippingTokenizer } from '@unfurl/extractor';
import { Parser } from 'htmlparser2';
import ogs from 'open-graph-scraper';
import { COVERAGE_FIELDS, ogsCoverage, unfurlCoverage, type CoverageField } from './extract-coverage';
import { syntheticPages } from './extract-synthetic-pages';

interface Page {
  name: string;
  bytes: Uint8Array;
  html: string;
  url: string;
}

const ROUNDS = 5;

async function loadPages(dir: string | undefined): Promise<Page[]> {
  if (!dir) {
    return syntheticPages(50).map(({ name, html }) => ({ name, html, bytes: new TextEncoder().encode(html), url: `https://news.example.com/${name}` }));
  }
  const names = (await readdir(dir)).filter((n) => n.endsWith('.html')).toSorted();
  const pages: Page[] = [];
  for (const name of names) {
    const bytes = new Uint8Array(await readFile(path.join(dir, name)));
    pages.push({ name, bytes, html: decodeHtml(bytes, null), url: `https://${name.replace(/\.html$/, '')}.example.com/page` });
  }
  return pages;
}

const noop = () => {};

function floor(html: string): void {
  const parser = new Parser({ onopentag: noop, ontext: noop, onclosetag: noop }, { decodeEntities: true, Tokenizer: SkippingTokenizer });
  parser.end(html);
}

function stats(samples: number[]) {
  const sorted = samples.toSorted((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  return { mean, p50: at(0.5), p95: at(0.95), perSecond: 1000 / mean };
}

async function main(): Promise<void> {
  const dir = process.argv[2];
  const pages = await loadPages(dir);
  if (pages.length === 0) throw new Error(`no .html files in ${dir}`);
  const totals = { unfurl: Array.from({ length: pages.length }, () => 0), floor: Array.from({ length: pages.length }, () => 0), ogs: Array.from({ length: pages.length }, () => 0) };
  const coverage = { unfurl: new Map<CoverageField, number>(), ogs: new Map<CoverageField, number>() };

  for (let round = -1; round < ROUNDS; round++) {
    for (let i = 0; i < pages.length; i++) {
      const page = pages[i];
      let t = performance.now();
      const { metadata } = extractPage({ body: page.bytes, url: page.url, contentType: 'text/html' });
      const unfurlMs = performance.now() - t;
      t = performance.now();
      floor(page.html);
      const floorMs = performance.now() - t;
      t = performance.now();
      const ogsResult = await ogs({ html: page.html }).catch((error: unknown) => ({ result: (error as { result?: unknown }).result ?? {} }));
      const ogsMs = performance.now() - t;
      if (round < 0) {
        // The warm-up round also collects coverage: results do not change between rounds.
        for (const [field, filled] of Object.entries(unfurlCoverage(metadata, page.url))) if (filled) coverage.unfurl.set(field as CoverageField, (coverage.unfurl.get(field as CoverageField) ?? 0) + 1);
        for (const [field, filled] of Object.entries(ogsCoverage(ogsResult.result as Record<string, unknown>))) if (filled) coverage.ogs.set(field as CoverageField, (coverage.ogs.get(field as CoverageField) ?? 0) + 1);
        continue;
      }
      totals.unfurl[i] += unfurlMs / ROUNDS;
      totals.floor[i] += floorMs / ROUNDS;
      totals.ogs[i] += ogsMs / ROUNDS;
    }
  }

  const megabytes = pages.reduce((sum, p) => sum + p.bytes.byteLength, 0) / 1e6;
  console.log(`${pages.length} pages (${megabytes.toFixed(1)} MB) from ${dir ?? 'the synthetic generator'}, ${ROUNDS} interleaved rounds after a warm-up\n`);
  const rows = [
    ['Unfurl extractPage (decode + extract)', stats(totals.unfurl)],
    ['htmlparser2 bare parse, same tokenizer (floor)', stats(totals.floor)],
    ['open-graph-scraper ogs({ html })', stats(totals.ogs)],
  ] as const;
  console.log('| extractor | mean ms/page | p50 | p95 | pages/s |\n|---|---:|---:|---:|---:|');
  for (const [name, s] of rows) console.log(`| ${name} | ${s.mean.toFixed(2)} | ${s.p50.toFixed(2)} | ${s.p95.toFixed(2)} | ${s.perSecond.toFixed(0)} |`);
  console.log(`\nUnfurl / floor: ${(rows[0][1].mean / rows[1][1].mean).toFixed(2)}x (mean), ${(rows[0][1].p50 / rows[1][1].p50).toFixed(2)}x (p50)`);

  console.log(`\nField coverage (pages with the field filled, of ${pages.length}):\n`);
  console.log('| field | Unfurl | open-graph-scraper |\n|---|---:|---:|');
  for (const field of COVERAGE_FIELDS) console.log(`| ${field} | ${coverage.unfurl.get(field) ?? 0} | ${coverage.ogs.get(field) ?? 0} |`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
