import assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect, type AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import Fastify from 'fastify';
import { installClosingAnswer } from './closing.hook';

describe('installClosingAnswer', () => {
  it('answers a request that arrives while the server closes with a 503 problem, after the one in flight', async () => {
    const fastify = Fastify({ return503OnClosing: false });
    installClosingAnswer(fastify, 7);
    fastify.get('/slow', async () => {
      await sleep(400);
      return { slow: true };
    });
    fastify.get('/fast', async () => ({ fast: true }));
    await fastify.listen({ port: 0, host: '127.0.0.1' });
    const socket = connect((fastify.server.address() as AddressInfo).port, '127.0.0.1');
    await once(socket, 'connect');
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
    socket.write('GET /slow HTTP/1.1\r\nHost: test\r\n\r\n');
    await sleep(100);
    const closed = fastify.close();
    await sleep(50);
    // On the connection kept busy by /slow, as a keep-alive client or a pipelining one would send it.
    socket.write('GET /fast HTTP/1.1\r\nHost: test\r\n\r\n');
    await closed;
    await once(socket, 'close');
    const [slow, fast] = received.split(/(?=HTTP\/1\.1 )/);
    assert.match(slow, /^HTTP\/1\.1 200 /);
    assert.match(fast, /^HTTP\/1\.1 503 /);
    assert.match(fast, /content-type: application\/problem\+json/i);
    assert.match(fast, /retry-after: 7/i);
    const body = JSON.parse(fast.slice(fast.indexOf('\r\n\r\n') + 4)) as { code: string; status: number };
    assert.equal(body.code, 'NOT_READY');
    assert.equal(body.status, 503);
  });
});
