import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { postJson, previewUrl, request } from './support/http';
import { startUnfurl, type Unfurl } from './support/unfurl-harness';
import { Upstream } from './support/upstream';

const SECRET = 'test-webhook-secret-0123456789';
const page = (title: string) => `<html><head><title>${title}</title></head><body></body></html>`;

interface Delivery {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver on the local upstream: records deliveries per path, answers with `statuses` in turn, then 204. */
function receiver(upstream: Upstream, path: string, statuses: number[] = []): { url: string; deliveries: Delivery[] } {
  const deliveries: Delivery[] = [];
  const url = upstream.route(path, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      deliveries.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(statuses.shift() ?? 204).end();
    });
  });
  return { url, deliveries };
}

function verified(delivery: Delivery): boolean {
  const parts = Object.fromEntries(String(delivery.headers['unfurl-signature']).split(',').map((part) => part.split('=', 2)));
  const expected = createHmac('sha256', SECRET).update(`${parts.t}.${delivery.body}`).digest();
  const given = Buffer.from(parts.v1 ?? '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected) && Math.abs(Date.now() / 1000 - Number(parts.t)) < 300;
}

async function until(predicate: () => boolean | Promise<boolean>, what: string, tries = 200): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (await predicate()) return;
    await sleep(100);
  }
  assert.fail(`timed out waiting for ${what}`);
}

describe('webhooks', () => {
  let unfurl: Unfurl;
  const upstream = new Upstream();
  before(async () => {
    await upstream.start();
    unfurl = await startUnfurl({ env: { WEBHOOK_SECRET: SECRET } });
  });
  after(async () => {
    await unfurl?.close();
    await upstream.stop();
  });

  it('POSTs the ready preview, signed, to the callback once the job ends', async () => {
    const url = upstream.page('/article', page('Article'), 300);
    const hook = receiver(upstream, '/hook-1');
    const answer = await postJson<{ id: string; status: string }>(`${unfurl.baseUrl}/v1/previews`, { url, callbackUrl: hook.url });
    assert.equal(answer.status, 202);
    await until(() => hook.deliveries.length === 1, 'the delivery');
    const [delivery] = hook.deliveries;
    assert.equal(delivery.headers['content-type'], 'application/json');
    assert.equal(delivery.headers['unfurl-event'], 'preview.ready');
    assert.match(String(delivery.headers['unfurl-delivery']), /^[0-9a-f-]{36}$/);
    assert.ok(verified(delivery), 'signature verifies');
    const body = JSON.parse(delivery.body) as { id: string; status: string; data: { title: string } };
    assert.equal(body.id, answer.body.id);
    assert.equal(body.status, 'ready');
    assert.equal(body.data.title, 'Article');
    await sleep(500);
    assert.equal(hook.deliveries.length, 1, 'delivered once');
  });

  it('delivers to every client that asked for one URL, and at once when the preview is already ready', async () => {
    const url = upstream.page('/shared', page('Shared'), 300);
    const first = receiver(upstream, '/hook-a');
    const second = receiver(upstream, '/hook-b');
    await request(`${previewUrl(unfurl.baseUrl, url)}&callbackUrl=${encodeURIComponent(first.url)}`);
    await postJson(`${unfurl.baseUrl}/v1/previews`, { url, callbackUrl: second.url });
    await until(() => first.deliveries.length === 1 && second.deliveries.length === 1, 'both deliveries');
    const late = receiver(upstream, '/hook-late');
    const ready = await postJson<{ status: string }>(`${unfurl.baseUrl}/v1/previews`, { url, callbackUrl: late.url });
    assert.equal(ready.body.status, 'ready');
    await until(() => late.deliveries.length === 1, 'the delivery for a ready preview');
    assert.equal(upstream.hitCount('/shared'), 1);
  });

  it('delivers failed previews too', async () => {
    const hook = receiver(upstream, '/hook-failed');
    await postJson(`${unfurl.baseUrl}/v1/previews`, { url: `${upstream.baseUrl}/missing-page`, callbackUrl: hook.url });
    await until(() => hook.deliveries.length === 1, 'the delivery');
    const body = JSON.parse(hook.deliveries[0].body) as { status: string; error: { code: string } };
    assert.equal(body.status, 'failed');
    assert.equal(body.error.code, 'UPSTREAM_HTTP_404');
    assert.equal(hook.deliveries[0].headers['unfurl-event'], 'preview.failed');
  });

  it('retries with backoff while the receiver fails, and stops once it answers 2xx', async () => {
    const url = upstream.page('/retried', page('Retried'));
    const hook = receiver(upstream, '/hook-flaky', [500, 503]);
    await postJson(`${unfurl.baseUrl}/v1/previews`, { url, callbackUrl: hook.url });
    await until(() => hook.deliveries.length === 3, 'the third attempt', 150);
    const client = new Client({ connectionString: unfurl.databaseUrl });
    await client.connect();
    try {
      await until(async () => (await client.query(`SELECT 1 FROM preview_callbacks WHERE url = $1 AND delivered_at IS NOT NULL AND attempts = 3`, [hook.url])).rowCount === 1, 'the row marked delivered');
    } finally {
      await client.end();
    }
    assert.ok(hook.deliveries.every(verified));
  });

  it('refuses callback URLs with another scheme or credentials before doing any work', async () => {
    const url = upstream.page('/never', page('Never'));
    for (const callbackUrl of ['ftp://example.com/hook', 'http://user:pass@example.com/hook', 'not a url']) {
      const answer = await postJson(`${unfurl.baseUrl}/v1/previews`, { url, callbackUrl });
      assert.equal(answer.status, 400, callbackUrl);
      assert.equal(answer.body.code, 'CALLBACK_URL_NOT_ALLOWED');
    }
    await sleep(200);
    assert.equal(upstream.hitCount('/never'), 0);
  });
});

describe('webhooks with private addresses refused', () => {
  let unfurl: Unfurl;
  before(async () => {
    unfurl = await startUnfurl({ env: { WEBHOOK_SECRET: SECRET, FETCH_ALLOW_PRIVATE_ADDRESSES: 'false' } });
  });
  after(async () => unfurl?.close());

  it('refuses a literal private callback address at request time', async () => {
    for (const callbackUrl of ['http://127.0.0.1/hook', 'http://[::1]/hook', 'http://0x7f.1/hook', 'http://169.254.169.254/latest', 'http://example.com:6379/']) {
      const answer = await postJson(`${unfurl.baseUrl}/v1/previews`, { url: 'https://example.com/', callbackUrl });
      assert.equal(answer.status, 400, callbackUrl);
      assert.equal(answer.body.code, 'CALLBACK_URL_NOT_ALLOWED', callbackUrl);
    }
  });

  it('refuses, when delivering, a host name that resolves to a private address', async () => {
    const answer = await postJson<{ id: string }>(`${unfurl.baseUrl}/v1/previews`, { url: 'http://127.0.0.1/page', callbackUrl: 'http://localhost/hook' });
    assert.equal(answer.status, 202);
    const client = new Client({ connectionString: unfurl.databaseUrl });
    await client.connect();
    try {
      let row: { failed_at: Date | null; last_error: string | null } | undefined;
      await until(async () => {
        row = (await client.query(`SELECT failed_at, last_error FROM preview_callbacks WHERE preview_id = $1`, [answer.body.id])).rows[0];
        return Boolean(row?.failed_at);
      }, 'the callback given up');
      assert.match(String(row?.last_error), /^BLOCKED_ADDRESS/);
    } finally {
      await client.end();
    }
  });
});

describe('webhooks without WEBHOOK_SECRET', () => {
  let unfurl: Unfurl;
  before(async () => {
    unfurl = await startUnfurl({ worker: false, env: { WEBHOOK_SECRET: '' } });
  });
  after(async () => unfurl?.close());

  it('refuses a callbackUrl with 400 WEBHOOKS_DISABLED', async () => {
    const answer = await postJson(`${unfurl.baseUrl}/v1/previews`, { url: 'https://example.com/', callbackUrl: 'https://example.com/hook' });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.code, 'WEBHOOKS_DISABLED');
  });
});
