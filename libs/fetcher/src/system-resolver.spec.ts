import assert from 'node:assert/strict';
import { createSocket, type Socket } from 'node:dgram';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createSystemResolver, type SystemResolverOptions } from './system-resolver';

const A = 1;
const AAAA = 28;

/** What the fake name server does for a name: records to answer (TTL 60 unless said), NXDOMAIN, or nothing at all. */
type Behaviour = { a?: string[] | 'drop'; aaaa?: string[] | 'drop'; ttl?: number } | 'nxdomain' | 'drop';

const zone: Record<string, Behaviour> = {
  'dual.test': { a: ['192.0.2.1'], aaaa: ['2001:db8::1'] },
  'v4.test': { a: ['192.0.2.2'], aaaa: [] },
  // Servers that answer one family and drop the other's queries, as some broken ones do.
  'aaaa-dropped.test': { a: ['192.0.2.3'], aaaa: 'drop' },
  'a-dropped.test': { a: 'drop', aaaa: ['2001:db8::3'] },
  'no-a-silent-aaaa.test': { a: [], aaaa: 'drop' },
  'blackhole.test': 'drop',
  'missing.test': 'nxdomain',
  'one-second.test': { a: ['192.0.2.4'], aaaa: [], ttl: 1 },
  'no-ttl.test': { a: ['192.0.2.5'], aaaa: [], ttl: 0 },
};

/** Names not in the zone do not exist, but for `blackhole-<n>.test`, which are never answered. */
const behaviourOf = (name: string): Behaviour => zone[name] ?? (name.startsWith('blackhole-') ? 'drop' : 'nxdomain');

/** A UDP name server on loopback answering from `zone`; `asked` lists every question's name. */
class FakeNameServer {
  readonly asked: string[] = [];
  private readonly socket: Socket = createSocket('udp4');

  async start(): Promise<string> {
    this.socket.on('message', (query, peer) => {
      const answer = this.answer(query);
      if (answer) this.socket.send(answer, peer.port, peer.address);
    });
    await new Promise<void>((resolve) => this.socket.bind(0, '127.0.0.1', resolve));
    return `127.0.0.1:${(this.socket.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }

  private answer(query: Buffer): Buffer | null {
    const labels: string[] = [];
    let at = 12;
    while (query[at] !== 0) {
      labels.push(query.subarray(at + 1, at + 1 + query[at]).toString('ascii'));
      at += query[at] + 1;
    }
    const question = query.subarray(12, at + 5);
    const type = query.readUInt16BE(at + 1);
    const name = labels.join('.').toLowerCase();
    this.asked.push(name);
    const behaviour = behaviourOf(name);
    if (behaviour === 'drop') return null;
    const ttl = behaviour === 'nxdomain' ? 0 : (behaviour.ttl ?? 60);
    const records = behaviour === 'nxdomain' ? [] : type === A ? (behaviour.a ?? []) : type === AAAA ? (behaviour.aaaa ?? []) : [];
    if (records === 'drop') return null;
    const header = Buffer.alloc(12);
    header.writeUInt16BE(query.readUInt16BE(0), 0);
    header.writeUInt16BE(behaviour === 'nxdomain' ? 0x8183 : 0x8180, 2);
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(records.length, 6);
    return Buffer.concat([header, question, ...records.map((address) => record(type, address, ttl))]);
  }
}

/** One answer record for the question's name (a pointer to offset 12). */
function record(type: number, address: string, ttl: number): Buffer {
  const data = type === A ? Buffer.from(address.split('.').map(Number)) : ipv6Bytes(address);
  const fixed = Buffer.alloc(12);
  fixed.writeUInt16BE(0xc00c, 0);
  fixed.writeUInt16BE(type, 2);
  fixed.writeUInt16BE(1, 4);
  fixed.writeUInt32BE(ttl, 6);
  fixed.writeUInt16BE(data.length, 10);
  return Buffer.concat([fixed, data]);
}

const groups = (part: string) => (part ? part.split(':') : []);

function ipv6Bytes(address: string): Buffer {
  const [head, tail = ''] = address.split('::');
  const all = [...groups(head), ...Array<string>(8 - groups(head).length - groups(tail).length).fill('0'), ...groups(tail)];
  const bytes = Buffer.alloc(16);
  all.forEach((group, i) => bytes.writeUInt16BE(parseInt(group, 16), i * 2));
  return bytes;
}

describe('systemResolver', () => {
  const server = new FakeNameServer();
  let servers: string[];
  let dir: string;
  let hostsFile: string;

  before(async () => {
    servers = [await server.start()];
    dir = await mkdtemp(path.join(tmpdir(), 'unfurl-hosts-'));
    hostsFile = path.join(dir, 'hosts');
    await writeFile(hostsFile, '# a comment\n10.1.2.3\tIntranet.Example intranet   # trailing\n10.1.2.4 dual.test\nnot-an-address ignored.test\n');
  });

  after(async () => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const resolver = (options: Omit<SystemResolverOptions, 'servers' | 'hostsFile'> = {}) => createSystemResolver({ servers, hostsFile, timeoutMs: 200, tries: 1, ...options });
  /** How many questions (A and AAAA count apart) `lookups` put to the name server. */
  const questions = async (lookups: () => Promise<unknown>) => {
    const asked = server.asked.length;
    await lookups();
    return server.asked.length - asked;
  };

  it('asks the DNS for A and AAAA records, and answers IPv4 first (a missing hosts file holds no names)', async () => {
    const withoutHosts = createSystemResolver({ servers, hostsFile: path.join(dir, 'none'), timeoutMs: 200, tries: 1 });
    assert.deepEqual(await withoutHosts('DUAL.test.'), [
      { address: '192.0.2.1', family: 4 },
      { address: '2001:db8::1', family: 6 },
    ]);
    assert.deepEqual(await withoutHosts('v4.test'), [{ address: '192.0.2.2', family: 4 }]);
  });

  it('takes the hosts file first, by any of its names and in any case, without asking the DNS', async () => {
    const asked = server.asked.length;
    assert.deepEqual(await resolver()('intranet.example'), [{ address: '10.1.2.3', family: 4 }]);
    assert.deepEqual(await resolver()('INTRANET'), [{ address: '10.1.2.3', family: 4 }]);
    assert.deepEqual(await resolver()('dual.test'), [{ address: '10.1.2.4', family: 4 }]);
    assert.deepEqual(await resolver()('Intranet.Example.'), [{ address: '10.1.2.3', family: 4 }]);
    assert.equal(server.asked.length, asked);
  });

  it('answers localhost names with the loopback addresses, without asking the DNS', async () => {
    const asked = server.asked.length;
    for (const name of ['localhost', 'app.localhost', 'LOCALHOST.']) {
      assert.deepEqual(await resolver()(name), [
        { address: '127.0.0.1', family: 4 },
        { address: '::1', family: 6 },
      ]);
    }
    assert.equal(server.asked.length, asked);
  });

  it('answers the addresses of one family without waiting out a query of the other that is never answered', async () => {
    for (const [name, addresses] of [
      ['aaaa-dropped.test', [{ address: '192.0.2.3', family: 4 }]],
      ['a-dropped.test', [{ address: '2001:db8::3', family: 6 }]],
    ] as const) {
      // The dropped query would time out after 3 s; a silent name asked with a third of that fails first.
      const timedOut = resolver({ timeoutMs: 1_000 })('blackhole.test').catch(() => 'waited for the timeout');
      assert.deepEqual(await Promise.race([resolver({ timeoutMs: 3_000 })(name), timedOut]), addresses, name);
    }
  });

  it('fails with the DNS error code for a name that does not exist, or whose servers do not answer', async () => {
    await assert.rejects(resolver()('missing.test'), { code: 'ENOTFOUND' });
    await assert.rejects(resolver()('blackhole.test'), { code: 'ETIMEOUT' });
    // No A record, and the AAAA query unanswered: the timeout is the telling failure, not ENODATA.
    await assert.rejects(resolver()('no-a-silent-aaaa.test'), { code: 'ETIMEOUT' });
  });

  it('answers other names while many lookups wait on servers that never answer', async () => {
    const slow = resolver({ timeoutMs: 3_000 });
    let waiting = 0;
    // Sixteen names, since lookups of one name share their query.
    const stuck = Array.from({ length: 16 }, (_, n) => {
      waiting++;
      return slow(`blackhole-${n}.test`).catch((error: unknown) => {
        waiting--;
        return error;
      });
    });
    assert.deepEqual(await slow('v4.test'), [{ address: '192.0.2.2', family: 4 }]);
    // Every lookup of the silent name is still waiting: the answer did not queue behind them.
    assert.equal(waiting, 16);
    for (const error of await Promise.all(stuck)) assert.equal((error as { code?: string }).code, 'ETIMEOUT');
  });

  it('asks the DNS again for a name only once its answer has lived its TTL, and shares one question among lookups meanwhile', async () => {
    const lookup = resolver();
    const answers: unknown[] = [];
    assert.equal(await questions(async () => answers.push(...(await Promise.all(Array.from({ length: 8 }, () => lookup('one-second.test')))))), 2);
    assert.equal(await questions(() => lookup('ONE-SECOND.test.')), 0);
    assert.equal(await questions(() => lookup('a-dropped.test')), 2, 'a name not asked before');
    await delay(1_100);
    assert.equal(await questions(() => lookup('one-second.test')), 2);
    for (const answer of answers) assert.deepEqual(answer, [{ address: '192.0.2.4', family: 4 }]);
  });

  it('keeps an answer no longer than its longest time, and not at all with TTL 0', async () => {
    const lookup = resolver({ cache: { maxTtlSeconds: 1 } });
    assert.equal(await questions(() => lookup('v4.test')), 2);
    assert.equal(await questions(() => lookup('v4.test')), 0);
    assert.equal(await questions(async () => assert.deepEqual(await lookup('no-ttl.test'), [{ address: '192.0.2.5', family: 4 }])), 2);
    assert.equal(await questions(() => lookup('no-ttl.test')), 2);
    await delay(1_100);
    assert.equal(await questions(() => lookup('v4.test')), 2, 'the record said 60 s; the cache keeps 1 s at most');
  });

  it('keeps "no such name" for a while, but asks again after a server that did not answer', async () => {
    const lookup = resolver({ cache: { negativeTtlSeconds: 1 } });
    assert.equal(await questions(() => assert.rejects(lookup('missing.test'), { code: 'ENOTFOUND' })), 2);
    assert.equal(await questions(() => assert.rejects(lookup('missing.test'), { code: 'ENOTFOUND' })), 0);
    assert.equal(await questions(() => assert.rejects(lookup('blackhole.test'), { code: 'ETIMEOUT' })), 2);
    assert.equal(await questions(() => assert.rejects(lookup('blackhole.test'), { code: 'ETIMEOUT' })), 2);
    await delay(1_100);
    assert.equal(await questions(() => assert.rejects(lookup('missing.test'), { code: 'ENOTFOUND' })), 2);
  });

  it('forgets the least recently used name once it holds as many as it may', async () => {
    const lookup = resolver({ cache: { maxNames: 2 } });
    assert.equal(await questions(async () => {
      await lookup('a-dropped.test');
      await lookup('v4.test');
      await lookup('a-dropped.test');
      await lookup('aaaa-dropped.test');
    }), 6);
    assert.equal(await questions(() => lookup('a-dropped.test')), 0, 'used last but one: kept');
    assert.equal(await questions(() => lookup('v4.test')), 2, 'used least recently: forgotten');
  });
});
