import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { syntheticPages } from '../extract-synthetic-pages';

/** The page bodies the bench serves: a corpus directory's .html files, or generated realistic pages. */
export async function loadPages(dir: string | undefined): Promise<Buffer[]> {
  if (!dir) return syntheticPages(50).map(({ html }) => Buffer.from(html));
  const names = (await readdir(dir)).filter((name) => name.endsWith('.html')).toSorted();
  if (names.length === 0) throw new Error(`no .html files in ${dir}`);
  return Promise.all(names.map((name) => readFile(path.join(dir, name))));
}
