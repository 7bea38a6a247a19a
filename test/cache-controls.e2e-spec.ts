import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { createKey } from './support/cli';
import { postJson, previewUrl, request, type Answer } from './support/http';
import { startUnfurl, type Unfurl } from './support/unfurl-harness';
import { Upstream } from './support/upstream';

interface PreviewBody {
  id: string;
  status: string;
  data: ({ title: string } & Record<string, unknown>) | null;
  fetchedAt: string | null;
}

const FORCE_MIN_INTERVAL_SECONDS = 2;
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

/** A page whose title changes on every fetch ("<name> #<n> <Accept-Language>"). */
class CountingPage {
  readonly languages: Array<string | null> = [];
  constructor(
    private readonly name: string,
    private readonly delayMs = 0,
  ) {}
  get fetches(): number {
    return this.languages.length;
  }
  handle = (incoming: IncomingMessage, response: ServerResponse): void => {
    const lang = incoming.headers['accept-language'] ?? null;
    this.languages.push(lang);
    const title = `${this.name} #${this.fetches} ${lang ?? 'none'}`;
    setTimeout(() => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<html><head><title>${title}</title></head></html>`), this.delayMs);
  };
}

async function until(predicate: () => boolean | Promise<boolean>, what: string, tries = 200): Promise<void> {
  for (let i = 0; i < tries; i += 1) {
    if (await predicate()) return;
    await sleep(25);
  }
  assert.fail(`timed out waiting for ${what}`);
}

const cacheOf = (answer: Answer<unknown>) => answer.headers.get('unfurl-cache');
const ageOf = (answer: Answer<unknown>) => Number(answer.headers.get('age'));

describe('controlling the cache and the fetch', () => {
  let unfurl: Unfurl;
  const upstream = new Upstream();
  const pages = new Map<string, CountingPage>();
  const serve = (path: string, delayMs = 0) => {
    const page = new CountingPage(path.slice(1), delayMs);
    pages.set(path, page);
    return { url: upstream.route(path, page.handle), page };
  };
  const get = (url: string, query = '', wait?: number) => request<PreviewBody>(`${previewUrl(unfurl.baseUrl, url, wait)}${query}`);

  before(async () => {
    await upstream.start();
    unfurl = await startUnfurl({ env: { FORCE_MIN_INTERVAL_SECONDS: String(FORCE_MIN_INTERVAL_SECONDS), WEBHOOK_SECRET: 'test-webhook-secret-0123456789' } });
  });
  after(async () => {
    await unfurl?.close();
    await upstream.stop();
  });

  describe('Unfurl-Cache and Age', () => {
    it('says MISS for a new URL, then HIT, on GET by URL, POST and GET by id, with the Age of the fetch', async () => {
      const { url, page } = serve('/status');
      const first = await get(url, '', 5000);
      assert.equal(first.status, 200);
      assert.equal(cacheOf(first), 'MISS');
      assert.match(first.headers.get('age') ?? '', /^\d+$/);
      await sleep(1_100);
      const posted = await postJson<PreviewBody>(`${unfurl.baseUrl}/v1/previews`, { url });
      assert.equal(cacheOf(posted), 'HIT');
      assert.ok(ageOf(posted) >= 1, `Age ${ageOf(posted)}`);
      const byUrl = await get(url);
      assert.equal(cacheOf(byUrl), 'HIT');
      const byId = await request<PreviewBody>(`${unfurl.baseUrl}/v1/previews/${first.body.id}`);
      assert.equal(cacheOf(byId), 'HIT');
      assert.ok(ageOf(byId) >= 1);
      assert.equal(page.fetches, 1);
    });

    it('says MISS with Age 0 on a pending preview, on its 202 and at its Location', async () => {
      const { url } = serve('/pending', 500);
      const pending = await get(url);
      assert.equal(pending.status, 202);
      assert.equal(cacheOf(pending), 'MISS');
      assert.equal(pending.headers.get('age'), '0');
      const atLocation = await request(`${unfurl.baseUrl}${pending.headers.get('location')}`);
      assert.equal(atLocation.status, 202);
      assert.equal(cacheOf(atLocation), 'MISS');
      await get(url, '', 5000);
    });

    it('counts Age into max-age, so a cache in front keeps the preview as long as it did before', async () => {
      const { url } = serve('/max-age');
      await get(url, '', 5000);
      await sleep(1_100);
      const answer = await get(url);
      const maxAge = Number(/max-age=(\d+)/.exec(answer.headers.get('cache-control') ?? '')?.[1]);
      assert.ok(ageOf(answer) >= 1);
      // The TTL is a day, so what is left is CACHE_MAX_AGE_SECONDS (3600 by default).
      assert.equal(maxAge - ageOf(answer), 3_600);
    });

    it('keeps title, description and image first in data', async () => {
      const url = upstream.page(
        '/ordered',
        '<html lang="en"><head><meta property="og:title" content="T"><meta property="og:description" content="D"><meta property="og:image" content="/i.png"></head></html>',
      );
      const response = await fetch(previewUrl(unfurl.baseUrl, url, 5000));
      const text = await response.text();
      assert.match(text, /"data":\{"title":"T","description":"D","image":\{"url":"[^"]+\/i\.png"/);
    });
  });

  describe('force', () => {
    it('fetches a fresh preview again before answering with wait (BYPASS), at most once per FORCE_MIN_INTERVAL_SECONDS', async () => {
      const { url, page } = serve('/force');
      const first = await get(url, '', 5000);
      assert.equal(first.body.data?.title, 'force #1 none');
      const refused = await get(url, '&force=true', 5000);
      assert.equal(refused.status, 200);
      assert.equal(cacheOf(refused), 'HIT');
      assert.equal(refused.headers.get('unfurl-force'), 'refused');
      assert.equal(refused.body.data?.title, 'force #1 none');
      assert.equal(page.fetches, 1);

      await sleep(FORCE_MIN_INTERVAL_SECONDS * 1_000 + 100);
      const forced = await get(url, '&force=true', 5000);
      assert.equal(forced.status, 200);
      assert.equal(cacheOf(forced), 'BYPASS');
      assert.equal(forced.headers.get('unfurl-force'), null);
      assert.equal(forced.body.data?.title, 'force #2 none');
      assert.ok(ageOf(forced) < FORCE_MIN_INTERVAL_SECONDS, `Age ${ageOf(forced)}`);
      assert.equal(page.fetches, 2);
    });

    it('answers the stored preview as STALE without wait, while the new fetch runs', async () => {
      const { url, page } = serve('/force-async');
      await get(url, '', 5000);
      await sleep(FORCE_MIN_INTERVAL_SECONDS * 1_000 + 100);
      const forced = await postJson<PreviewBody>(`${unfurl.baseUrl}/v1/previews`, { url, force: true });
      assert.equal(forced.status, 200);
      assert.equal(cacheOf(forced), 'STALE');
      assert.equal(forced.body.data?.title, 'force-async #1 none');
      await until(async () => (await get(url)).body.data?.title === 'force-async #2 none', 'the forced fetch');
      assert.equal(page.fetches, 2);
    });

    it('keeps the stored card when its refresh fails for good, and answers it STALE', async () => {
      let fetches = 0;
      const url = upstream.route('/refresh-fails', (_incoming, response) => {
        fetches += 1;
        if (fetches === 1) response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<html><head><title>kept</title></head></html>');
        else response.writeHead(404).end();
      });
      const first = await get(url, '', 5000);
      assert.equal(first.body.data?.title, 'kept');
      await sleep(FORCE_MIN_INTERVAL_SECONDS * 1_000 + 100);
      const forced = await get(url, '&force=true', 5000);
      assert.equal(forced.status, 200);
      assert.equal(cacheOf(forced), 'STALE');
      assert.equal(forced.body.status, 'ready');
      assert.equal(forced.body.data?.title, 'kept');
      assert.equal(forced.body.fetchedAt, first.body.fetchedAt);
      assert.equal(fetches, 2);
    });

    it('coalesces simultaneous forced requests into one fetch', async () => {
      const { url, page } = serve('/force-crowd', 300);
      await get(url, '', 5000);
      await sleep(FORCE_MIN_INTERVAL_SECONDS * 1_000 + 100);
      const answers = await Promise.all(Array.from({ length: 20 }, () => get(url, '&force=true', 5000)));
      // One fetch for all: a request that read the row only after it ended is told its force was refused.
      assert.ok(answers.every((answer) => cacheOf(answer) === 'BYPASS' || answer.headers.get('unfurl-force') === 'refused'), answers.map(cacheOf).join(','));
      assert.ok(answers.some((answer) => cacheOf(answer) === 'BYPASS'));
      assert.deepEqual([...new Set(answers.map((answer) => answer.body.data?.title))], ['force-crowd #2 none']);
      assert.equal(page.fetches, 2);
    });
  });

  describe('maxAge', () => {
    it('refreshes a preview older than maxAge before answering with wait (REFRESH), and serves a younger one (HIT)', async () => {
      const { url, page } = serve('/max-age-wait');
      await get(url, '', 5000);
      assert.equal(cacheOf(await get(url, '&maxAge=3600', 5000)), 'HIT');
      await sleep(1_100);
      const refreshed = await get(url, '&maxAge=1', 5000);
      assert.equal(cacheOf(refreshed), 'REFRESH');
      assert.equal(refreshed.body.data?.title, 'max-age-wait #2 none');
      assert.equal(page.fetches, 2);
    });

    it('answers a preview older than maxAge as STALE without wait, and refreshes it behind', async () => {
      const { url, page } = serve('/max-age-async');
      await get(url, '', 5000);
      await sleep(1_100);
      const stale = await postJson<PreviewBody>(`${unfurl.baseUrl}/v1/previews`, { url, maxAge: 1 });
      assert.equal(cacheOf(stale), 'STALE');
      assert.equal(stale.body.data?.title, 'max-age-async #1 none');
      await until(async () => (await get(url)).body.data?.title === 'max-age-async #2 none', 'the refresh');
      assert.equal(page.fetches, 2);
    });
  });

  describe('lang', () => {
    it('sends lang as Accept-Language, and makes one URL in two languages two previews', async () => {
      const { url, page } = serve('/lang');
      const plain = await get(url, '', 5000);
      const french = await get(url, '&lang=fr-ch', 5000);
      const german = await postJson<PreviewBody>(`${unfurl.baseUrl}/v1/previews`, { url, lang: 'de', wait: 5000 });
      assert.equal(plain.body.data?.title, 'lang #1 none');
      assert.equal(french.body.data?.title, 'lang #2 fr-CH');
      assert.equal(german.body.data?.title, 'lang #3 de');
      assert.equal(new Set([plain.body.id, french.body.id, german.body.id]).size, 3);
      // Another spelling of the same tag is the same preview.
      const respelled = await get(url, '&lang=FR-CH');
      assert.equal(respelled.body.id, french.body.id);
      assert.equal(cacheOf(respelled), 'HIT');
      assert.deepEqual(page.languages, [null, 'fr-CH', 'de']);
    });

    it('coalesces each language on its own', async () => {
      const { url, page } = serve('/lang-crowd', 300);
      await Promise.all([...Array.from({ length: 10 }, () => get(url, '&lang=es', 5000)), ...Array.from({ length: 10 }, () => get(url, '&lang=it', 5000))]);
      assert.deepEqual(page.languages.toSorted(), ['es', 'it']);
    });

    it('asks for every URL of a batch in its language', async () => {
      const { url, page } = serve('/lang-batch');
      const batch = await postJson<{ items: Array<{ preview: PreviewBody }> }>(`${unfurl.baseUrl}/v1/batches`, { urls: [url], lang: 'pt-BR' });
      assert.equal(batch.status, 202);
      const single = await get(url, '&lang=pt-br', 5000);
      assert.equal(single.body.id, batch.body.items[0].preview.id);
      assert.deepEqual(page.languages, ['pt-BR']);
    });
  });

  const badValues: Array<[string, () => Promise<Answer<Record<string, unknown>>>]> = [
    ['force that is not a boolean', () => request(`${previewUrl(unfurl.baseUrl, 'https://example.com/')}&force=yes`)],
    ['force that is not a boolean in a body', () => postJson(`${unfurl.baseUrl}/v1/previews`, { url: 'https://example.com/', force: 'yes' })],
    ['a negative maxAge', () => request(`${previewUrl(unfurl.baseUrl, 'https://example.com/')}&maxAge=-1`)],
    ['a maxAge that is not a number', () => request(`${previewUrl(unfurl.baseUrl, 'https://example.com/')}&maxAge=soon`)],
    ['a list of languages', () => request(`${previewUrl(unfurl.baseUrl, 'https://example.com/')}&lang=${encodeURIComponent('fr, en;q=0.5')}`)],
    ['a language that is no tag', () => postJson(`${unfurl.baseUrl}/v1/previews`, { url: 'https://example.com/', lang: 'en_US' })],
    ['a batch language that is no tag', () => postJson(`${unfurl.baseUrl}/v1/batches`, { urls: ['https://example.com/'], lang: '*' })],
  ];
  for (const [what, send] of badValues) {
    it(`refuses ${what} with 400 problem+json VALIDATION_FAILED`, async () => {
      const answer = await send();
      assert.equal(answer.status, 400);
      assert.match(answer.headers.get('content-type') ?? '', /^application\/problem\+json/);
      assert.equal(answer.body.code, 'VALIDATION_FAILED');
    });
  }

  describe('purge', () => {
    let admin: string;
    let user: string;
    let database: Client;
    const callbacksOf = async (id: string) => Number((await database.query<{ n: string }>('SELECT count(*) AS n FROM preview_callbacks WHERE preview_id = $1', [id])).rows[0].n);

    before(async () => {
      admin = await createKey(unfurl.databaseUrl, '--name', 'ops', '--admin');
      user = await createKey(unfurl.databaseUrl, '--name', 'frontend');
      database = new Client({ connectionString: unfurl.databaseUrl });
      await database.connect();
    });
    after(async () => {
      await database?.end();
    });

    it('needs an admin key', async () => {
      const { url } = serve('/purge-auth');
      const { body } = await get(url, '', 5000);
      const anonymous = await request(`${unfurl.baseUrl}/v1/previews/${body.id}`, { method: 'DELETE' });
      assert.equal(anonymous.status, 401);
      assert.equal(anonymous.body.code, 'UNAUTHORIZED');
      const notAdmin = await request(`${unfurl.baseUrl}/v1/previews?url=${encodeURIComponent(url)}`, { method: 'DELETE', headers: bearer(user) });
      assert.equal(notAdmin.status, 403);
      assert.equal(notAdmin.body.code, 'FORBIDDEN');
      assert.equal((await request(`${unfurl.baseUrl}/v1/previews/${body.id}`)).status, 200);
    });

    it('removes a preview by id and its callbacks; the next request fetches it anew', async () => {
      const { url, page } = serve('/purge-id');
      const callback = upstream.route('/purge-id-hook', (_request, response) => response.writeHead(204).end());
      const first = await get(url, `&callbackUrl=${encodeURIComponent(callback)}`, 5000);
      assert.equal(first.body.status, 'ready');
      assert.equal(await callbacksOf(first.body.id), 1);
      const purged = await request(`${unfurl.baseUrl}/v1/previews/${first.body.id}`, { method: 'DELETE', headers: bearer(admin) });
      assert.equal(purged.status, 204);
      assert.equal(await callbacksOf(first.body.id), 0);
      const gone = await request(`${unfurl.baseUrl}/v1/previews/${first.body.id}`);
      assert.equal(gone.status, 404);
      assert.equal(gone.body.code, 'PREVIEW_NOT_FOUND');
      const again = await get(url, '', 5000);
      assert.equal(cacheOf(again), 'MISS');
      assert.equal(again.body.id, first.body.id);
      assert.equal(again.body.data?.title, 'purge-id #2 none');
      assert.equal(page.fetches, 2);
    });

    it('removes the preview of a URL in the language asked for, and only that one', async () => {
      const { url } = serve('/purge-url');
      const plain = await get(url, '', 5000);
      const dutch = await get(url, '&lang=nl', 5000);
      const purged = await request(`${unfurl.baseUrl}/v1/previews?url=${encodeURIComponent(url)}&lang=NL`, { method: 'DELETE', headers: bearer(admin) });
      assert.equal(purged.status, 204);
      assert.equal((await request(`${unfurl.baseUrl}/v1/previews/${dutch.body.id}`)).status, 404);
      assert.equal((await request(`${unfurl.baseUrl}/v1/previews/${plain.body.id}`)).status, 200);
      const again = await request(`${unfurl.baseUrl}/v1/previews?url=${encodeURIComponent(url)}`, { method: 'DELETE', headers: bearer(admin) });
      assert.equal(again.status, 204);
      assert.equal((await request(`${unfurl.baseUrl}/v1/previews/${plain.body.id}`)).status, 404);
    });

    it('answers 404 for a preview that does not exist, and 400 for a bad URL', async () => {
      const unknown = await request(`${unfurl.baseUrl}/v1/previews/${'A'.repeat(32)}`, { method: 'DELETE', headers: bearer(admin) });
      assert.equal(unknown.status, 404);
      assert.equal(unknown.body.code, 'PREVIEW_NOT_FOUND');
      const byUrl = await request(`${unfurl.baseUrl}/v1/previews?url=${encodeURIComponent(`${upstream.baseUrl}/never-asked`)}`, { method: 'DELETE', headers: bearer(admin) });
      assert.equal(byUrl.status, 404);
      const bad = await request(`${unfurl.baseUrl}/v1/previews?url=ftp://example.com/`, { method: 'DELETE', headers: bearer(admin) });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.code, 'URL_SCHEME_NOT_ALLOWED');
    });

    it('is not undone by the job still running for the purged preview', async () => {
      const { url, page } = serve('/purge-in-flight', 400);
      const pending = await get(url);
      assert.equal(pending.status, 202);
      await until(() => page.fetches === 1, 'the fetch to start');
      const purged = await request(`${unfurl.baseUrl}/v1/previews/${pending.body.id}`, { method: 'DELETE', headers: bearer(admin) });
      assert.equal(purged.status, 204);
      // The job ends (fetch answered after 400 ms, then extraction and the write that finds no row).
      await sleep(1_500);
      assert.equal((await request(`${unfurl.baseUrl}/v1/previews/${pending.body.id}`)).status, 404);
      assert.equal((await database.query('SELECT 1 FROM previews WHERE id = $1', [pending.body.id])).rowCount, 0);
    });
  });
});
