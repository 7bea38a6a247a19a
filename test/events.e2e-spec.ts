import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { createApiApp } from '../apps/api/src/create-api-app';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createKey } from './support/cli';
import { previewUrl, request } from './support/http';
import { readSse, type SseMessage } from './support/sse';
import { startUnfurl, type Unfurl } from './support/unfurl-harness';
import { Upstream } from './support/upstream';

const page = (title: string) => `<!doctype html><html><head><meta property="og:title" content="${title}"></head><body></body></html>`;

interface PreviewEvent {
  id: string;
  status: string;
  data: { title: string } | null;
  error: { code: string } | null;
}

/** Collects a stream's messages until the server ends it. */
async function collect(response: Response, onMessage?: (message: SseMessage) => void): Promise<SseMessage[]> {
  const messages: SseMessage[] = [];
  for await (const message of readSse(response)) {
    messages.push(message);
    onMessage?.(message);
  }
  return messages;
}

const statuses = (messages: SseMessage[]) => messages.filter((m) => m.event === 'status').map((m) => JSON.parse(m.data ?? '') as PreviewEvent);

describe('preview events (Server-Sent Events)', () => {
  let unfurl: Unfurl;
  let secondApi: NestFastifyApplication;
  let secondBaseUrl: string;
  const upstream = new Upstream();

  before(async () => {
    await upstream.start();
    unfurl = await startUnfurl({ env: { SSE_HEARTBEAT_SECONDS: '1' } });
    // A second API process of the same deployment (own Redis connections, own waiter): events
    // must reach a client connected there although the job was queued through the first.
    secondApi = await createApiApp();
    await secondApi.listen(0, '127.0.0.1');
    secondBaseUrl = await secondApi.getUrl();
  });
  after(async () => {
    await secondApi?.close();
    await unfurl?.close();
    await upstream.stop();
  });

  it('streams pending then ready through another API process, with heartbeats while waiting, then ends', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    // The page answers only once the client has seen a heartbeat, so the stream is certainly open while pending.
    upstream.route('/held', (_request, response: ServerResponse) => {
      void released.then(() => response.writeHead(200, { 'content-type': 'text/html' }).end(page('Held Page')));
    });
    const pending = await request<PreviewEvent>(previewUrl(unfurl.baseUrl, `${upstream.baseUrl}/held`));
    assert.equal(pending.status, 202);
    const response = await fetch(`${secondBaseUrl}/v1/previews/${pending.body.id}/events`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
    const messages = await collect(response, (message) => {
      if (message.comment === 'heartbeat') release();
    });
    const events = statuses(messages);
    assert.deepEqual(events.map((e) => e.status), ['pending', 'ready']);
    assert.equal(events[1].data?.title, 'Held Page');
    assert.equal(events[1].id, pending.body.id);
    const firstHeartbeat = messages.findIndex((m) => m.comment === 'heartbeat');
    const readyAt = messages.findIndex((m) => m.event === 'status' && m.data?.includes('"ready"'));
    assert.ok(firstHeartbeat > 0 && firstHeartbeat < readyAt, 'a heartbeat comes between pending and ready');
  });

  it('ends with the failed preview and its error code when the page fails', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    upstream.route('/held-missing', (_request, response: ServerResponse) => {
      void released.then(() => response.writeHead(404, { 'content-type': 'text/html' }).end('gone'));
    });
    const pending = await request<PreviewEvent>(previewUrl(unfurl.baseUrl, `${upstream.baseUrl}/held-missing`));
    const response = await fetch(`${unfurl.baseUrl}/v1/previews/${pending.body.id}/events`);
    const events = statuses(await collect(response, (message) => message.event === 'status' && release()));
    assert.deepEqual(events.map((e) => e.status), ['pending', 'failed']);
    assert.equal(events[1].error?.code, 'UPSTREAM_HTTP_404');
  });

  it('sends one event and ends at once for a preview that is already ready', async () => {
    const ready = await request<PreviewEvent>(previewUrl(unfurl.baseUrl, upstream.page('/done', page('Done')), 5000));
    assert.equal(ready.body.status, 'ready');
    const events = statuses(await collect(await fetch(`${secondBaseUrl}/v1/previews/${ready.body.id}/events`)));
    assert.deepEqual(events.map((e) => e.status), ['ready']);
    assert.equal(events[0].data?.title, 'Done');
  });

  it('ends with a problem event when the preview is purged while followed', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    upstream.route('/held-purged', (_request, response: ServerResponse) => {
      void released.then(() => response.writeHead(200, { 'content-type': 'text/html' }).end(page('Purged')));
    });
    const admin = await createKey(unfurl.databaseUrl, '--name', 'events-admin', '--admin');
    const pending = await request<PreviewEvent>(previewUrl(unfurl.baseUrl, `${upstream.baseUrl}/held-purged`));
    const response = await fetch(`${unfurl.baseUrl}/v1/previews/${pending.body.id}/events`);
    const messages = await collect(response, (message) => {
      if (message.event !== 'status') return;
      void request(`${unfurl.baseUrl}/v1/previews/${pending.body.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${admin}` } }).then(release);
    });
    assert.deepEqual(statuses(messages).map((e) => e.status), ['pending']);
    const last = messages.filter((m) => m.event !== undefined).at(-1);
    assert.equal(last?.event, 'problem');
    const problem = JSON.parse(last?.data ?? '') as { status: number; code: string; type: string };
    assert.equal(problem.code, 'PREVIEW_NOT_FOUND');
    assert.equal(problem.status, 404);
    assert.match(problem.type, /^https:\/\//);
  });

  it('answers an unknown id with a 404 problem instead of a stream', async () => {
    const answer = await request(`${unfurl.baseUrl}/v1/previews/nope/events`);
    assert.equal(answer.status, 404);
    assert.match(answer.headers.get('content-type') ?? '', /^application\/problem\+json/);
    assert.equal(answer.body.code, 'PREVIEW_NOT_FOUND');
  });
});
