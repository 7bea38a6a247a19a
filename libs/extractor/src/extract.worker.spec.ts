import assert from 'node:assert/strict';
import { access } from 'node:fs/promises';
import { describe, it } from 'node:test';
import Piscina from 'piscina';
import extract from './extract.worker';
import type { ExtractOutcome, ExtractTask } from './extract-task';
import { extractWorkerFile } from './extract-worker-file';

describe('extract.worker', () => {
  it('exports the task function as default, which piscina calls', () => {
    const body = new TextEncoder().encode('<title>Worker</title>');
    const outcome = extract({ body, url: 'https://example.com/', contentType: null });
    assert.ok(outcome.ok);
    assert.equal(outcome.result.metadata.title, 'Worker');
  });

  it('points extractWorkerFile at the compiled task file', async () => {
    await assert.doesNotReject(access(extractWorkerFile));
  });

  it('brings an extraction failure back across the thread boundary with its code', async () => {
    const pool = new Piscina<ExtractTask, ExtractOutcome>({ filename: extractWorkerFile, maxThreads: 1 });
    try {
      const outcome = await pool.run({ body: new Uint8Array([0x50, 0x4b, 3, 4]), url: 'https://example.com/a.zip', contentType: 'application/zip' });
      assert.deepEqual(outcome.ok ? null : outcome.code, 'UNSUPPORTED_CONTENT');
    } finally {
      await pool.destroy();
    }
  });
});
