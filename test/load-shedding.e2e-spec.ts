import assert from 'node:assert/strict';
import { once } from 'node:events';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startUnfurl, type Unfurl } from './support/unfurl-harness';

/**
 * Sends a request, then keeps this process's event loop (which the in-process API shares) busy for
 * `blockMs` before it can be read: the API sees the delay and must refuse, then recover.
 * Timers run before I/O in each loop turn, so the delay is sampled before the request is read.
 */
async function requestWhileBlocked(baseUrl: string, path: string, blockMs: number): Promise<{ status: number; head: string; body: string }> {
  const { hostname, port } = new URL(baseUrl);
  const socket = net.connect(Number(port), hostname);
  await once(socket, 'connect');
  socket.write(`GET ${path} HTTP/1.1\r\nHost: ${hostname}\r\nConnection: close\r\n\r\n`);
  const until = performance.now() + blockMs;
  // oxlint-disable-next-line no-empty -- the point is to block the loop, as a CPU-heavy request would.
  while (performance.now() < until) {}
  let text = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (text += chunk));
  await once(socket, 'end');
  const [head, body = ''] = text.split('\r\n\r\n');
  return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]), head, body };
}

describe('load shedding', () => {
  let unfurl: Unfurl;

  before(async () => {
    unfurl = await startUnfurl({ worker: false, env: { LOAD_SHED_EVENT_LOOP_DELAY_MS: '100' } });
  });
  after(() => unfurl?.close());

  it('answers 503 OVERLOADED with Retry-After while the event loop is late, and serves again once it is not', async () => {
    const shed = await requestWhileBlocked(unfurl.baseUrl, '/v1/previews/unknown', 700);
    assert.equal(shed.status, 503);
    assert.match(shed.head, /content-type: application\/problem\+json/i);
    assert.match(shed.head, /retry-after: \d+/i);
    assert.equal((JSON.parse(shed.body) as { code: string }).code, 'OVERLOADED');

    // The next samples of an idle loop lift the refusal.
    let status = 503;
    for (let i = 0; i < 50 && status === 503; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (await fetch(`${unfurl.baseUrl}/v1/previews/unknown`)).status;
    }
    assert.equal(status, 404);
  });

  it('keeps answering health probes while shedding', async () => {
    const live = await requestWhileBlocked(unfurl.baseUrl, '/health/live', 700);
    assert.equal(live.status, 200);
  });
});
