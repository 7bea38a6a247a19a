import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { previewUrl, request } from './support/http';
import { startUnfurl, type Unfurl } from './support/unfurl-harness';
import { Upstream } from './support/upstream';

interface PreviewBody {
  id: string;
  status: string;
  data: { title: string } | null;
  error: { code: string } | null;
}

// Unfurl's product token is UnfurlBot (FETCH_USER_AGENT): its own group applies, not the * one.
const ROBOTS = `User-agent: *
Disallow: /

User-agent: unfurlbot
Disallow: /private
Allow: /private/open
`;

const html = (title: string) => `<!doctype html><title>${title}</title>`;

async function settled(baseUrl: string, id: string, timeoutMs: number): Promise<PreviewBody> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const answer = await request<PreviewBody>(`${baseUrl}/v1/previews/${id}`);
    if (answer.body.status !== 'pending' || performance.now() > deadline) return answer.body;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('robots.txt (RESPECT_ROBOTS_TXT=true)', () => {
  let unfurl: Unfurl;
  const upstream = new Upstream();
  const failing = new Upstream();
  /** Its robots.txt redirects to a host the site rules deny (localhost: itself under another name). */
  const redirecting = new Upstream();
  let dir: string;

  before(async () => {
    await upstream.start();
    await failing.start();
    await redirecting.start();
    upstream.route('/robots.txt', { headers: { 'content-type': 'text/plain' }, body: ROBOTS });
    failing.route('/robots.txt', { status: 503, body: 'down for maintenance' });
    redirecting.route('/robots.txt', { status: 302, headers: { location: `${redirecting.baseUrl.replace('127.0.0.1', 'localhost')}/strict-robots.txt` } });
    redirecting.route('/strict-robots.txt', { headers: { 'content-type': 'text/plain' }, body: 'User-agent: *\nDisallow: /\n' });
    dir = await mkdtemp(join(tmpdir(), 'unfurl-robots-'));
    const rules = join(dir, 'rules.yaml');
    await writeFile(rules, 'rules:\n  - hosts: [localhost]\n    deny: true\n');
    unfurl = await startUnfurl({ env: { RESPECT_ROBOTS_TXT: 'true', ROBOTS_TXT_TTL_SECONDS: '3600', SITE_RULES: rules } });
  });
  after(async () => {
    await unfurl?.close();
    await upstream.stop();
    await failing.stop();
    await redirecting.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('does not follow a robots.txt redirect into a denied host: no rules, the page is fetched', async () => {
    const answer = await request<PreviewBody>(previewUrl(unfurl.baseUrl, redirecting.page('/page', html('Allowed')), 10_000));
    assert.equal(answer.body.status, 'ready');
    assert.equal(redirecting.hitCount('/strict-robots.txt'), 0);
  });

  it('fails a disallowed page with ROBOTS_DISALLOWED without fetching it', async () => {
    const page = upstream.page('/private/report', html('Private'));
    const answer = await request<PreviewBody>(previewUrl(unfurl.baseUrl, page, 10_000));
    assert.equal(answer.body.status, 'failed');
    assert.equal(answer.body.error?.code, 'ROBOTS_DISALLOWED');
    assert.equal(upstream.hitCount('/private/report'), 0);
  });

  it('fetches allowed pages, the longest matching rule deciding', async () => {
    for (const [path, title] of [
      ['/public', 'Public'],
      ['/private/open/page', 'Open'],
    ]) {
      const answer = await request<PreviewBody>(previewUrl(unfurl.baseUrl, upstream.page(path, html(title)), 10_000));
      assert.equal(answer.body.status, 'ready', path);
      assert.equal(answer.body.data?.title, title);
    }
  });

  it('fetches robots.txt once per host within its TTL', async () => {
    await Promise.all(['/a', '/b', '/c'].map((path) => request(previewUrl(unfurl.baseUrl, upstream.page(path, html(path)), 10_000))));
    assert.equal(upstream.hitCount('/robots.txt'), 1);
  });

  it('fetches no page of a host whose robots.txt answers 5xx (RFC 9309: complete disallow), and retries later', async () => {
    const page = failing.page('/article', html('Article'));
    const first = await request<PreviewBody>(previewUrl(unfurl.baseUrl, page));
    const answer = await settled(unfurl.baseUrl, first.body.id, 30_000);
    assert.equal(answer.status, 'failed');
    assert.equal(answer.error?.code, 'UPSTREAM_HTTP_503');
    assert.equal(failing.hitCount('/article'), 0);
    assert.equal(failing.hitCount('/robots.txt'), 3, 'each attempt asked again: a failing robots.txt is not cached');
  });

  it('treats a missing robots.txt (404) as no rules', async () => {
    const other = new Upstream();
    await other.start();
    try {
      const answer = await request<PreviewBody>(previewUrl(unfurl.baseUrl, other.page('/private/x', html('Anything')), 10_000));
      assert.equal(answer.body.status, 'ready');
      assert.equal(other.hitCount('/robots.txt'), 1);
    } finally {
      await other.stop();
    }
  });
});
