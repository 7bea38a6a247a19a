import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createKey } from './support/cli';
import { freePort } from './support/free-port';
import { previewUrl, request } from './support/http';
import { startUnfurl, type Unfurl } from './support/unfurl-harness';
import { Upstream } from './support/upstream';

async function scrape(url: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { headers });
  return { status: response.status, text: await response.text() };
}

describe('Prometheus metrics', () => {
  let unfurl: Unfurl;
  let admin: string;
  let workerMetrics: string;
  const upstream = new Upstream();

  before(async () => {
    await upstream.start();
    const port = await freePort();
    workerMetrics = `http://127.0.0.1:${port}/metrics`;
    unfurl = await startUnfurl({ env: { WORKER_HEALTH_PORT: String(port) } });
    admin = await createKey(unfurl.databaseUrl, '--name', 'ops', '--admin');
    const page = upstream.page('/measured', '<html><head><title>Measured</title></head></html>');
    await request(previewUrl(unfurl.baseUrl, page, 5000));
  });
  after(async () => {
    await unfurl?.close();
    await upstream.stop();
  });

  it('keeps the API metrics behind an admin key', async () => {
    assert.equal((await scrape(`${unfurl.baseUrl}/metrics`)).status, 401);
  });

  it('exports the API request latency and event-loop delay', async () => {
    const { status, text } = await scrape(`${unfurl.baseUrl}/metrics`, { authorization: `Bearer ${admin}` });
    assert.equal(status, 200);
    assert.match(text, /^unfurl_http_request_duration_seconds_bucket\{.*route="\/v1\/previews".*status="200"/m);
    assert.match(text, /^unfurl_event_loop_delay_seconds\{quantile="0.99"\} \d/m);
  });

  it('exports the worker job outcomes, pool, queue depth and stalled jobs', async () => {
    const { status, text } = await scrape(workerMetrics);
    assert.equal(status, 200);
    assert.match(text, /^unfurl_jobs_stalled_total 0$/m);
    assert.match(text, /^unfurl_queue_jobs\{state="waiting"\} \d+$/m);
    assert.match(text, /^unfurl_extraction_pool_threads 2$/m);
    assert.match(text, /^unfurl_job_duration_seconds_count\{.*outcome="ready".*\} [1-9]/m);
  });
});
