// `node scripts/build-tests.mjs && node .build/bench/script-shells.js [dir...]`: which saved pages the
// renderer's escalation rule (looksLikeScriptShell) would send to the browser. Default folders:
// ../shared/corpus/{pages,golden} beside the repository. Prints each flagged page and the count.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { decodeHtml, looksLikeScriptShell } from '@unfurl/extractor';

const root = path.resolve(__dirname, '..', '..');
const dirs = process.argv.length > 2 ? process.argv.slice(2) : ['pages', 'golden'].map((d) => path.resolve(root, '..', 'shared', 'corpus', d));

async function main(): Promise<void> {
  let total = 0;
  const flagged: string[] = [];
  for (const dir of dirs) {
    const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.html')).toSorted();
    for (const name of names) {
      const html = decodeHtml(new Uint8Array(await readFile(path.join(dir, name))), 'text/html');
      total += 1;
      if (looksLikeScriptShell(html)) flagged.push(path.join(path.basename(dir), name));
    }
  }
  if (total === 0) {
    console.log(`no .html pages in ${dirs.join(', ')}: pass corpus folders as arguments`);
    return;
  }
  for (const name of flagged) console.log(`script shell: ${name}`);
  console.log(`${flagged.length} of ${total} pages look like script shells`);
}

void main();
