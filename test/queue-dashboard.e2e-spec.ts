import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createKey } from './support/cli';
import { previewUrl, request } from './support/http';
import { startUnfurl, type Unfurl } from './support/unfurl-harness';
import { Upstream } from './support/upstream';

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const basic = (key: string) => ({ authorization: `Basic ${Buffer.from(`ops:${key}`).toString('base64')}` });

describe('queue dashboard (bull-board at /admin/queues)', () => {
  let unfurl: Unfurl;
  let admin: string;
  let user: string;
  const upstream = new Upstream();

  before(async () => {
    await upstream.start();
    // No worker: a queued job stays waiting, so the dashboard has something to show.
    unfurl = await startUnfurl({ worker: false });
    admin = await createKey(unfurl.databaseUrl, '--name', 'ops', '--admin');
    user = await createKey(unfurl.databaseUrl, '--name', 'frontend');
  });
  after(async () => {
    await unfurl?.close();
    await upstream.stop();
  });

  it('asks for credentials without a key, with a problem and a Basic challenge the browser can answer', async () => {
    for (const path of ['/admin/queues', '/admin/queues/api/queues', '/admin/queues/static/js/main.js']) {
      const answer = await request(`${unfurl.baseUrl}${path}`);
      assert.equal(answer.status, 401, path);
      assert.match(answer.headers.get('content-type') ?? '', /^application\/problem\+json/);
      assert.equal(answer.body.code, 'UNAUTHORIZED');
      assert.match(answer.headers.get('www-authenticate') ?? '', /^Basic realm="Unfurl admin"/);
    }
  });

  it('refuses a key that is not an admin key with 403', async () => {
    const answer = await request(`${unfurl.baseUrl}/admin/queues/api/queues`, { headers: bearer(user) });
    assert.equal(answer.status, 403);
    assert.equal(answer.body.code, 'FORBIDDEN');
  });

  it('serves the dashboard and the queue counts to an admin key, as Bearer or as the Basic password', async () => {
    const queued = await request(previewUrl(unfurl.baseUrl, upstream.page('/waiting', '<title>x</title>')));
    assert.equal(queued.status, 202);
    const page = await fetch(`${unfurl.baseUrl}/admin/queues`, { headers: basic(admin) });
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<div id="root">/);
    const api = await request<{ queues: Array<{ name: string; counts: Record<string, number> }> }>(`${unfurl.baseUrl}/admin/queues/api/queues`, { headers: bearer(admin) });
    assert.equal(api.status, 200);
    const previews = api.body.queues.find((queue) => queue.name === 'previews');
    assert.ok(previews, 'the previews queue is on the board');
    assert.equal(previews.counts.waiting, 1);
    assert.ok(api.body.queues.some((queue) => queue.name === 'webhooks'), 'the webhooks queue is on the board');
  });

  it('stays out of the OpenAPI description', async () => {
    const spec = await request<{ paths: Record<string, unknown> }>(`${unfurl.baseUrl}/openapi.json`);
    assert.equal(Object.keys(spec.body.paths).some((path) => path.startsWith('/admin')), false);
  });
});
