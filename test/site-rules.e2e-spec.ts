import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { normalizeUrl, previewId } from '@unfurl/contracts';
import { postJson, previewUrl, request } from './support/http';
import { AppProcess } from './support/processes';
import { startUnfurl, testServices, type Unfurl } from './support/unfurl-harness';
import { Upstream } from './support/upstream';

interface PreviewBody {
  id: string;
  status: string;
  data: { title: string } | null;
  error: { code: string } | null;
  fetchedAt: string;
  expiresAt: string;
}

const SECRET = 's3cret-site-key-7f3a';

const RULES = `# a test rules file, as an operator would write it
rules:
  - hosts: ["127.0.0.1"]
    userAgent: RuleBot/2.0 (+https://example.com/bot)
    headers:
      X-Site-Key: ${SECRET}
      Accept-Language: de
    ttlSeconds: 120
    failureTtlSeconds: 7
    render: never
  - hosts: [denied.test, "*.denied.test", localhost]
    deny: true
`;

const secondsBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 1000;

describe('per-site rules (SITE_RULES)', () => {
  let unfurl: Unfurl;
  let worker: AppProcess;
  let dir: string;
  const upstream = new Upstream();

  before(async () => {
    await upstream.start();
    dir = await mkdtemp(path.join(tmpdir(), 'unfurl-site-rules-'));
    const rulesFile = path.join(dir, 'rules.yaml');
    await writeFile(rulesFile, RULES);
    unfurl = await startUnfurl({ worker: false, env: { SITE_RULES: rulesFile, RESPECT_ROBOTS_TXT: 'false', WEBHOOK_SECRET: 'site-rules-spec-secret' } });
    // The worker runs as its own process, at debug level, so that every line it logs can be searched for the secret.
    worker = await AppProcess.start('worker', { LOG_LEVEL: 'debug', SITE_RULES: rulesFile });
  });
  after(async () => {
    await worker?.stop();
    await unfurl?.close();
    await upstream.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it("sends the rule's user agent and headers, and stores the preview for the rule's TTL", async () => {
    let seen: IncomingHttpHeaders = {};
    const page = upstream.route('/with-rule', (req, res) => {
      seen = req.headers;
      res.writeHead(200, { 'content-type': 'text/html' }).end('<title>Ruled</title>');
    });
    const answer = await request<PreviewBody>(previewUrl(unfurl.baseUrl, page, 10_000));
    assert.equal(answer.body.status, 'ready');
    assert.equal(seen['user-agent'], 'RuleBot/2.0 (+https://example.com/bot)');
    assert.equal(seen['x-site-key'], SECRET);
    assert.equal(seen['accept-language'], 'de');
    assert.equal(secondsBetween(answer.body.fetchedAt, answer.body.expiresAt), 120);
  });

  it("keeps a failure for the rule's failure TTL", async () => {
    const answer = await request<PreviewBody>(previewUrl(unfurl.baseUrl, `${upstream.baseUrl}/missing-page`, 10_000));
    assert.equal(answer.body.error?.code, 'UPSTREAM_HTTP_404');
    assert.equal(secondsBetween(answer.body.fetchedAt, answer.body.expiresAt), 7);
  });

  it('refuses a denied host at request time with 403 SITE_DENIED, recording and queuing nothing', async () => {
    const url = 'https://www.denied.test/article';
    for (const answer of [await request(previewUrl(unfurl.baseUrl, url, 2_000)), await postJson(`${unfurl.baseUrl}/v1/previews`, { url })]) {
      assert.equal(answer.status, 403);
      assert.match(answer.headers.get('content-type') ?? '', /^application\/problem\+json/);
      assert.equal(answer.body.code, 'SITE_DENIED');
    }
    assert.equal((await request(`${unfurl.baseUrl}/v1/previews/${previewId(normalizeUrl(url))}`)).status, 404);
    const batch = await postJson<{ code: string; errors: Array<{ index: number; code: string }> }>(`${unfurl.baseUrl}/v1/batches`, { urls: [upstream.page('/batch-ok', '<title>ok</title>'), url] });
    assert.equal(batch.body.code, 'INVALID_BATCH');
    assert.deepEqual(batch.body.errors.map((error) => [error.index, error.code]), [[1, 'SITE_DENIED']]);
    assert.equal(upstream.hitCount('/batch-ok'), 0);
  });

  it('fails with SITE_DENIED when a page redirects into a denied host, without following it', async () => {
    const hop = upstream.route('/to-denied', { status: 302, headers: { location: 'http://denied.test/landing' } });
    const answer = await request<PreviewBody>(previewUrl(unfurl.baseUrl, hop, 10_000));
    assert.equal(answer.body.status, 'failed');
    assert.equal(answer.body.error?.code, 'SITE_DENIED');
  });

  it('never asks an oEmbed endpoint on a denied host: the card comes without it', async () => {
    // localhost is the upstream under a name the rules deny.
    const oembed = upstream.route('/denied-oembed.json', { headers: { 'content-type': 'application/json' }, body: '{"type":"video","title":"Denied"}' });
    const deniedOEmbed = oembed.replace('127.0.0.1', 'localhost');
    const page = upstream.page('/links-denied-oembed', `<html><head><title>Links</title><link rel="alternate" type="application/json+oembed" href="${deniedOEmbed}"></head></html>`);
    const answer = await request<PreviewBody & { data: { oembed?: unknown } | null }>(previewUrl(unfurl.baseUrl, page, 10_000));
    assert.equal(answer.body.status, 'ready');
    assert.equal(answer.body.data?.oembed ?? null, null);
    assert.equal(upstream.hitCount('/denied-oembed.json'), 0);
  });

  it('refuses a callbackUrl on a denied host before doing any work', async () => {
    const url = upstream.page('/with-denied-callback', '<title>Never</title>');
    const hook = upstream.route('/hook', { status: 204 }).replace('127.0.0.1', 'localhost');
    const answer = await postJson(`${unfurl.baseUrl}/v1/previews`, { url, callbackUrl: hook });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.code, 'CALLBACK_URL_NOT_ALLOWED');
    assert.equal(upstream.hitCount('/with-denied-callback'), 0);
  });

  it('never fetches robots.txt while RESPECT_ROBOTS_TXT is off', () => {
    assert.equal(upstream.hitCount('/robots.txt'), 0);
  });

  it('never writes a header value to the logs', async () => {
    await worker.stop();
    const lines = worker.output.split('\n');
    const ruleLine = lines.find((line) => line.includes('"msg":"site rule"'));
    assert.ok(ruleLine, 'the worker logged the rule it applied');
    assert.match(ruleLine, /"x-site-key":"\[redacted\]"/);
    assert.deepEqual(lines.filter((line) => line.includes(SECRET)), []);
  });
});

describe('a SITE_RULES file that is not valid', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'unfurl-site-rules-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('stops the worker at start with a message naming the rule and the field', async () => {
    const rulesFile = path.join(dir, 'bad.yaml');
    await writeFile(rulesFile, `rules:\n  - hosts: [a.example]\n  - hosts: [b.example]\n  - hosts: ["*.example.com"]\n    userAgent: 42\n    headers: { X-Key: ${SECRET} }\n`);
    await assert.rejects(AppProcess.start('worker', { DATABASE_URL: testServices().databaseUrl, SITE_RULES: rulesFile }), (error: Error) => {
      assert.match(error.message, /exited at start \(1\)/);
      assert.match(error.message, /SITE_RULES rule 3 \(\*\.example\.com\): userAgent must be a string/);
      assert.ok(!error.message.includes(SECRET));
      return true;
    });
  });
});
