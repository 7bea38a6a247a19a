import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import extract from './extract.worker';
import { extractWorkerFile } from './extract-worker-file';

describe('extract.worker', () => {
  it('exports the task function as default, which piscina calls', () => {
    const body = new TextEncoder().encode('<title>Worker</title>');
    assert.equal(extract({ body, url: 'https://example.com/', contentType: null }).metadata.title, 'Worker');
    // Loaded through require, as piscina does, the module's default export is the same function.
    assert.equal(typeof require(extractWorkerFile).default, 'function');
  });

  it('points extractWorkerFile at the compiled task file', () => {
    assert.ok(existsSync(extractWorkerFile), extractWorkerFile);
  });
});
