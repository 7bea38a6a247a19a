import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CliError } from './cli-error';
import { extractCommand } from './extract.command';

async function captureStdout(run: () => Promise<void>): Promise<string> {
  const write = process.stdout.write.bind(process.stdout);
  let out = '';
  process.stdout.write = ((chunk: string | Uint8Array) => {
    out += chunk.toString();
    return true;
  }) as typeof process.stdout.write;
  try {
    await run();
  } finally {
    process.stdout.write = write;
  }
  return out;
}

const usage = (error: unknown) => error instanceof CliError && error.exitCode === 2;

describe('unfurl extract', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'unfurl-cli-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('prints the PreviewMetadata of a saved page as pretty JSON', async () => {
    const file = path.join(dir, 'page.html');
    await writeFile(file, '<html lang="en"><head><title>Saved page</title><link rel="canonical" href="/c"></head></html>');
    const out = await captureStdout(() => extractCommand(['--url', 'https://example.com/a', file]));
    const metadata = JSON.parse(out);
    assert.equal(metadata.title, 'Saved page');
    assert.equal(metadata.url, 'https://example.com/c');
    assert.equal(metadata.lang, 'en');
    assert.match(out, /^\{\n {2}"url"/);
  });

  it('treats a file with an image signature as an image', async () => {
    const file = path.join(dir, 'pic');
    await writeFile(file, Buffer.from('GIF89a\x10\x00\x08\x00', 'latin1'));
    const metadata = JSON.parse(await captureStdout(() => extractCommand(['--url=https://example.com/pic.gif', file])));
    assert.deepEqual(metadata.image, { url: 'https://example.com/pic.gif', type: 'image/gif', width: 16, height: 8 });
  });

  it('fails with a usage error for a missing or invalid --url, an unknown flag, or a missing file', async () => {
    await assert.rejects(extractCommand(['page.html']), usage);
    await assert.rejects(extractCommand(['--url', 'ftp://x', 'page.html']), usage);
    await assert.rejects(extractCommand(['--url', 'https://example.com/', '--fast', 'page.html']), usage);
    await assert.rejects(extractCommand(['--url', 'https://example.com/']), usage);
    await assert.rejects(extractCommand(['--url', 'https://example.com/', path.join(dir, 'missing.html')]), (e: unknown) => e instanceof CliError && e.exitCode === 1 && /no such file/.test(e.message));
  });
});
