import assert from 'node:assert/strict';
import { once } from 'node:events';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { Client } from 'pg';
import { AppProcess } from './support/processes';
import { createTestDatabase, testServices } from './support/unfurl-harness';

// Hostile and malformed HTTP against the real API process (no worker: nothing here may reach the
// network). Every answer must be a success or RFC 9457 problem+json with a stable code, never a 500,
// and the process must survive. Reproductions first, then a bounded property-based run.

interface Answer {
  status: number;
  contentType: string;
  body: string;
}

let api: AppProcess;
let db: Client;

async function send(path: string, init: { method?: string; headers?: Record<string, string>; body?: string | Uint8Array } = {}): Promise<Answer> {
  const response = await fetch(`${api.baseUrl}${path}`, { ...init, signal: AbortSignal.timeout(5_000) });
  const contentType = response.headers.get('content-type') ?? '';
  // An event stream for a real preview stays open: its first bytes are enough.
  const body = contentType.startsWith('text/event-stream') ? (await response.body?.cancel(), '') : await response.text();
  return { status: response.status, contentType, body };
}

/** Writes `raw` bytes on a socket and reads the answer: for what fetch refuses to send. */
async function sendRaw(raw: string): Promise<Answer> {
  const socket = net.connect({ port: api.port, host: '127.0.0.1' });
  await once(socket, 'connect');
  socket.write(raw);
  let text = '';
  socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
  await Promise.race([once(socket, 'close'), new Promise((resolve) => setTimeout(resolve, 3_000))]);
  socket.destroy();
  const [head, ...rest] = text.split('\r\n\r\n');
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
  const contentType = /\r\ncontent-type: ([^\r]+)/i.exec(head)?.[1] ?? '';
  return { status, contentType, body: rest.join('\r\n\r\n') };
}

/** A 4xx/5xx is problem+json whose status matches, with a stable code; nothing is ever a 500. */
function assertProblemOrSuccess(answer: Answer, what: string): { code?: string } {
  assert.notEqual(answer.status, 500, `${what}: 500 ${answer.body.slice(0, 300)}`);
  assert.ok(answer.status > 0, `${what}: no HTTP answer`);
  if (answer.status < 400) return {};
  assert.match(answer.contentType, /^application\/problem\+json/, `${what}: ${answer.status} as ${answer.contentType}: ${answer.body.slice(0, 200)}`);
  const problem = JSON.parse(answer.body) as { status: number; code: string; type: string; title: string; detail?: string };
  assert.equal(problem.status, answer.status, what);
  assert.match(problem.code, /^[A-Z][A-Z0-9_]+$/, what);
  assert.ok(problem.type && problem.title, what);
  assert.doesNotMatch(answer.body, /FST_ERR|HPE_|ECONN|invalid byte sequence|at .+\.js:\d+/, `${what}: internal detail in ${answer.body}`);
  return problem;
}

async function expectProblem(answer: Promise<Answer>, status: number, code: string, what: string): Promise<void> {
  const settled = await answer;
  const problem = assertProblemOrSuccess(settled, what);
  assert.equal(settled.status, status, `${what}: ${settled.status} ${settled.body.slice(0, 200)}`);
  assert.equal(problem.code, code, what);
}

const json = (body: string) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body });

describe('hostile HTTP input gets problem+json, never a 500', () => {
  before(async () => {
    const services = testServices();
    const databaseUrl = await createTestDatabase(services.databaseUrl);
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
    api = await AppProcess.start('api', { DATABASE_URL: databaseUrl, REDIS_URL: services.redisUrl, QUEUE_PREFIX: 'hardening', ANONYMOUS_RATE_LIMIT_PER_MINUTE: '1000000' });
  });
  after(async () => {
    await api?.stop('SIGKILL');
    await db?.end();
  });

  it('refuses NUL bytes in ids and batch URLs before PostgreSQL, and creates nothing for a bad batch', async () => {
    await expectProblem(send('/v1/previews/%00'), 404, 'PREVIEW_NOT_FOUND', 'NUL id');
    await expectProblem(send('/v1/previews/%00/events'), 404, 'PREVIEW_NOT_FOUND', 'NUL id events');
    await expectProblem(send('/v1/batches/%00'), 404, 'BATCH_NOT_FOUND', 'NUL batch id');
    const batch = await send('/v1/batches', json(JSON.stringify({ urls: ['http://127.0.0.1:9/fine', 'http://127.0.0.1:9/a\u0000b'] })));
    assertProblemOrSuccess(batch, 'batch with a NUL URL');
    assert.equal(batch.status, 400);
    const { rows } = await db.query('SELECT count(*)::int AS n FROM previews');
    assert.equal(rows[0].n, 0, 'nothing created or queued for a batch that was refused');
  });

  it('bounds JSON depth before validation', async () => {
    const deep = `${'['.repeat(2_000)}${']'.repeat(2_000)}`;
    await expectProblem(send('/v1/previews', json(`{"url":${deep}}`)), 400, 'VALIDATION_FAILED', 'JSON 2,000 deep');
    await expectProblem(send('/v1/batches', json(`{"urls":${deep}}`)), 400, 'VALIDATION_FAILED', 'batch JSON 2,000 deep');
  });

  it('maps the HTTP server\'s own errors to problem+json with their own codes', async () => {
    await expectProblem(send(`/v1/previews/${'a'.repeat(10_000)}`), 414, 'URI_TOO_LONG', '10 KB id');
    await expectProblem(sendRaw(`GET /v1/previews/${'a'.repeat(100_000)} HTTP/1.1\r\nHost: x\r\n\r\n`), 431, 'HEADERS_TOO_LARGE', '100 KB id');
    await expectProblem(send('/v1/previews/%FF'), 400, 'MALFORMED_REQUEST', '%FF in the path');
    await expectProblem(sendRaw('GET /v1/previews/% HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'), 400, 'MALFORMED_REQUEST', 'lone % in the path');
    await expectProblem(sendRaw('GARBAGE\r\n\r\n'), 400, 'MALFORMED_REQUEST', 'malformed request line');
    // Announced as 10 MB: refused on the header, before the body is read (fetch would see the reset).
    await expectProblem(
      sendRaw(`POST /v1/previews HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${10 * 1024 * 1024}\r\n\r\n{"url":"xxxx`),
      413,
      'PAYLOAD_TOO_LARGE',
      '10 MB body',
    );
    await expectProblem(send('/v1/previews', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'url=x' }), 415, 'UNSUPPORTED_MEDIA_TYPE', 'text/plain body');
    await expectProblem(send('/v1/previews', json('{"url": ')), 400, 'VALIDATION_FAILED', 'truncated JSON');
  });

  it('answers random paths, ids, queries, headers and bodies with success or problem+json (property-based)', async () => {
    const text = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.constantFrom('\u0000', '%00', '%', '%FF', '%zz', '..', '../..', '\uFEFF', 'http://127.0.0.1:9/x', 'javascript:alert(1)', ' ', ''),
      fc.string({ minLength: 200, maxLength: 3_000 }),
    );
    const segment = text.map((value) => (Math.random() < 0.5 ? encodeURIComponent(value) : value.replaceAll(/[\s#?/\\]/g, '')));
    const path = fc.oneof(
      fc.constant('/v1/previews'),
      segment.map((id) => `/v1/previews/${id}`),
      segment.map((id) => `/v1/previews/${id}/events`),
      fc.constant('/v1/batches'),
      segment.map((id) => `/v1/batches/${id}`),
      fc.array(segment, { maxLength: 4 }).map((parts) => `/${parts.join('/')}`),
    );
    const query = fc.array(fc.tuple(fc.constantFrom('url', 'wait', 'render', 'force', 'maxAge', 'lang', 'screenshot', 'callbackUrl', 'x'), text), { maxLength: 4 }).map((pairs) =>
      pairs.length === 0 ? '' : `?${pairs.map(([key, value]) => `${key}=${key === 'wait' ? value.slice(0, 2) : encodeURIComponent(value)}`).join('&')}`,
    );
    const deep = fc.integer({ min: 1, max: 5_000 }).map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
      fc.record({ url: text, wait: fc.oneof(fc.integer(), text), urls: fc.array(text, { maxLength: 5 }) }, { requiredKeys: [] }).map((value) => JSON.stringify(value)),
      deep,
      text,
    );
    const headerValue = fc.stringMatching(/^[\t\x20-\x7e]{0,200}$/);
    const request = fc.record({
      method: fc.constantFrom('GET', 'GET', 'POST', 'POST', 'DELETE', 'PUT', 'PATCH', 'HEAD', 'OPTIONS'),
      path,
      query,
      contentType: fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', ''),
      accept: fc.constantFrom('application/json', 'text/event-stream', '*/*', ''),
      extra: fc.array(fc.tuple(fc.constantFrom('authorization', 'x-api-key', 'if-none-match', 'x-request-id', 'origin', 'x-forwarded-for'), headerValue), { maxLength: 3 }),
      body,
    });
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const headers: Record<string, string> = Object.fromEntries(r.extra);
        if (r.contentType) headers['content-type'] = r.contentType;
        if (r.accept) headers.accept = r.accept;
        const withBody = !['GET', 'HEAD', 'OPTIONS'].includes(r.method);
        let answer: Answer;
        try {
          answer = await send(`${r.path}${r.query}`, { method: r.method, headers, body: withBody ? r.body : undefined });
        } catch (error) {
          // fetch itself refuses some URLs before sending; that is not the API's answer.
          if (error instanceof TypeError && !/fetch failed/.test(error.message)) return;
          throw error;
        }
        if (r.method === 'HEAD') return;
        assertProblemOrSuccess(answer, `${r.method} ${r.path.slice(0, 80)}${r.query.slice(0, 80)}`);
      }),
      { numRuns: 400, interruptAfterTimeLimit: 90_000, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31) },
    );
    assert.equal((await send('/health/live')).status, 200, 'the API process survived');
    assert.equal(api.child.exitCode, null);
  });
});
