import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import { getPriority, tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { CHROMIUM, skipWithoutChromium } from '../../../test/support/chromium';
import { CHROMIUM_ARGS } from './browser/chromium-launch';
import { RENDERER_NICENESS } from './yield-cpu';

const skip = skipWithoutChromium('renderer priority test');

/**
 * A renderer's start in a process of its own: yieldCpu, then Chromium with a page open, then the
 * nice value of every Chromium process and thread below it. As the images run it: not as root, which
 * could raise any priority again (Chromium raises its display threads to -8 when it may).
 */
const CHILD = `
const { yieldCpu } = require(${JSON.stringify(path.join(__dirname, 'yield-cpu'))});
const { descendantProcesses } = require(${JSON.stringify(path.join(__dirname, 'browser', 'process-tree'))});
const { chromium } = require(${JSON.stringify(require.resolve('playwright-core'))});
const { readdir, readFile } = require('node:fs/promises');
(async () => {
  yieldCpu();
  const browser = await chromium.launch({ executablePath: ${JSON.stringify(CHROMIUM)}, args: ${JSON.stringify(CHROMIUM_ARGS)} });
  const page = await browser.newPage();
  await page.setContent('<p>rendered</p><script>let n = 0; for (let i = 0; i < 1e6; i++) n += i;</script>');
  const nices = [];
  for (const one of (await descendantProcesses()).filter((p) => p.name.startsWith('chrom'))) {
    for (const task of await readdir('/proc/' + one.pid + '/task').catch(() => [])) {
      const stat = await readFile('/proc/' + one.pid + '/task/' + task + '/stat', 'utf8').catch(() => null);
      if (stat) nices.push(Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
    }
  }
  await browser.close();
  process.stdout.write(JSON.stringify(nices));
})().catch((error) => { process.stderr.write(String(error)); process.exit(1); });
`;

/** Whether a user other than the owner may run `file`: every folder above it searchable, the file executable. */
function runnableByOthers(file: string): boolean {
  const parts = path.resolve(file).split(path.sep);
  return parts.every((_, i) => {
    const mode = statSync(parts.slice(0, i + 1).join(path.sep) || path.sep).mode;
    return (mode & 0o001) !== 0;
  });
}

describe('the renderer yields the CPU', { skip }, () => {
  it('runs Chromium, every process and thread of it, below the priority of whoever started the renderer', async (t) => {
    const root = process.getuid?.() === 0;
    // CI's second Node comes from npx's cache under /root, which the image user cannot reach.
    if (root && !runnableByOthers(process.execPath)) return t.skip(`${process.execPath} cannot be run by a user other than root`);
    const asImageUser = root ? { uid: 65534, gid: 65534 } : {};
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', CHILD], { ...asImageUser, env: { ...process.env, HOME: tmpdir() }, timeout: 60_000 });
    const nices = JSON.parse(stdout) as number[];
    assert.ok(nices.length > 10, `only ${nices.length} Chromium threads seen`);
    assert.ok(Math.min(...nices) >= Math.min(19, getPriority() + RENDERER_NICENESS), `nice values seen: ${[...new Set(nices)].join(', ')}`);
  });
});
