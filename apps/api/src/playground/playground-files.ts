import { readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The folder of the playground's page, script and styles. It sits beside this module both in the
 * tsc build (.build/apps/api/src/playground/static, copied by scripts/build-tests.mjs) and beside
 * the API's webpack bundle (dist/apps/api/static, emitted by apps/api/webpack.config.js): webpack
 * leaves __dirname to Node for node targets.
 */
const STATIC_DIR = path.join(__dirname, 'static');

const read = (name: string) => readFile(path.join(STATIC_DIR, name), 'utf8');

export interface PlaygroundFiles {
  html: string;
  script: string;
  styles: string;
}

/** Read once when the app starts, never on a request. */
export async function readPlaygroundFiles(): Promise<PlaygroundFiles> {
  const [html, script, styles] = await Promise.all([read('index.html'), read('playground.js'), read('playground.css')]);
  return { html, script, styles };
}
