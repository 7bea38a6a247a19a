import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { previewUrl, request } from './support/http';
import { startUnfurl, type Unfurl } from './support/unfurl-harness';
import { Upstream } from './support/upstream';

type LogLine = Record<string, unknown>;

describe('worker logs carry the job, the preview and the API request id', () => {
  let unfurl: Unfurl;
  let worker: ChildProcess;
  const lines: LogLine[] = [];
  const upstream = new Upstream();

  before(async () => {
    await upstream.start();
    // The worker runs as its own process, as deployed, so its JSON log lines can be read from stdout.
    unfurl = await startUnfurl({ worker: false });
    worker = spawn(process.execPath, [path.resolve(__dirname, '../apps/worker/src/main.js')], { env: { ...process.env, LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'inherit'] });
    createInterface({ input: worker.stdout! }).on('line', (line) => {
      if (line.startsWith('{')) lines.push(JSON.parse(line) as LogLine);
    });
  });
  after(async () => {
    if (worker && worker.exitCode === null && worker.signalCode === null) {
      worker.kill('SIGTERM');
      await once(worker, 'exit');
    }
    await unfurl?.close();
    await upstream.stop();
  });

  it('tags the ready and the failed line of each job with jobId, previewId and the caller\'s X-Request-Id', async () => {
    const page = upstream.page('/logged', '<title>Logged</title>');
    const ready = await request<{ id: string; status: string }>(previewUrl(unfurl.baseUrl, page, 10_000), { headers: { 'x-request-id': 'trace-ready-1' } });
    assert.equal(ready.body.status, 'ready');
    const failed = await request<{ id: string; status: string }>(previewUrl(unfurl.baseUrl, `${upstream.baseUrl}/absent`, 10_000), { headers: { 'x-request-id': 'trace-failed-2' } });
    assert.equal(failed.body.status, 'failed');
    // The job ends after its log line is written; stop the worker so every line is flushed and read.
    worker.kill('SIGTERM');
    await once(worker, 'exit');
    const readyLine = lines.find((line) => line.msg === 'preview ready' && line.previewId === ready.body.id);
    assert.ok(readyLine, 'a "preview ready" line for the preview');
    assert.equal(readyLine.requestId, 'trace-ready-1');
    assert.equal(readyLine.jobId, ready.body.id);
    assert.equal(readyLine.attempt, 1);
    const failedLine = lines.find((line) => line.msg === 'preview failed' && line.previewId === failed.body.id);
    assert.ok(failedLine, 'a "preview failed" line for the preview');
    assert.equal(failedLine.requestId, 'trace-failed-2');
    assert.equal(failedLine.code, 'UPSTREAM_HTTP_404');
    // Lines outside any job (start-up) carry none of it.
    assert.ok(lines.some((line) => line.msg !== undefined && line.requestId === undefined));
  });
});
