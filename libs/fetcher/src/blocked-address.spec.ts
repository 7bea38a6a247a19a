import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isBlockedAddress } from './blocked-address';
import { Environment, SiteRules } from '@unfurl/config';
import { checkUrl as checkUrlWith, type UrlPolicy } from './check-url';
import { FetchError } from './fetch-error';
import { fetchPolicy } from './fetch-policy';

/** The policy of the default configuration. */
const defaults = fetchPolicy((key) => new Environment()[key], new SiteRules([]));
const checkUrl = (url: string, policy: Partial<UrlPolicy> = {}) => checkUrlWith(url, { ...defaults, ...policy });

const blocked: Array<[string, string]> = [
  ['0.0.0.0', '"this network" 0/8'],
  ['0.255.255.255', '"this network" 0/8, last'],
  ['10.0.0.1', 'private 10/8'],
  ['10.255.255.255', 'private 10/8, last'],
  ['100.64.0.1', 'CGNAT 100.64/10'],
  ['100.127.255.255', 'CGNAT 100.64/10, last'],
  ['127.0.0.1', 'loopback'],
  ['127.255.255.254', 'loopback 127/8'],
  ['169.254.169.254', 'cloud metadata'],
  ['169.254.0.1', 'link-local 169.254/16'],
  ['172.16.0.1', 'private 172.16/12'],
  ['172.31.255.255', 'private 172.16/12, last'],
  ['192.0.0.8', 'IETF 192.0.0/24'],
  ['192.0.2.1', 'TEST-NET-1'],
  ['192.88.99.1', '6to4 relay anycast'],
  ['192.168.1.1', 'private 192.168/16'],
  ['198.18.0.1', 'benchmarking 198.18/15'],
  ['198.19.255.255', 'benchmarking 198.18/15, last'],
  ['198.51.100.7', 'TEST-NET-2'],
  ['203.0.113.9', 'TEST-NET-3'],
  ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast SSDP'],
  ['240.0.0.1', 'reserved 240/4'],
  ['255.255.255.255', 'broadcast'],
  ['::', 'IPv6 unspecified'],
  ['::1', 'IPv6 loopback'],
  ['[::1]', 'bracketed IPv6 loopback'],
  ['::127.0.0.1', 'IPv4-compatible ::/96'],
  ['fc00::1', 'ULA fc00::/7'],
  ['fd12:3456:789a::1', 'ULA fd00::/8'],
  ['fe80::1', 'link-local fe80::/10'],
  ['fe80::1%eth0', 'link-local with zone'],
  ['febf:ffff::1', 'link-local fe80::/10, last'],
  ['fec0::1', 'deprecated site-local'],
  ['ff02::1', 'multicast ff00::/8'],
  ['::ffff:127.0.0.1', 'IPv4-mapped loopback, dotted'],
  ['::ffff:7f00:1', 'IPv4-mapped loopback, hex'],
  ['::ffff:169.254.169.254', 'IPv4-mapped metadata'],
  ['::ffff:a9fe:a9fe', 'IPv4-mapped metadata, hex'],
  ['0:0:0:0:0:ffff:10.0.0.1', 'IPv4-mapped private, uncompressed'],
  ['::ffff:0:127.0.0.1', 'SIIT ::ffff:0:0:0/96'],
  ['64:ff9b::7f00:1', 'NAT64 of loopback'],
  ['64:ff9b::10.1.2.3', 'NAT64 of private'],
  ['64:ff9b:1::808:808', 'local-use NAT64 64:ff9b:1::/48'],
  ['2002:7f00:1::1', '6to4 of loopback'],
  ['2002:a9fe:a9fe::', '6to4 of metadata'],
  ['2001:db8::1', 'documentation 2001:db8::/32'],
  ['2001::1', 'Teredo 2001::/32'],
  ['3fff::1', 'documentation 3fff::/20'],
  ['100::1', 'discard-only 100::/64'],
  ['localhost', 'not an IP address (fail closed)'],
  ['', 'empty'],
  ['1.2.3.4.5', 'malformed'],
];

const allowed: Array<[string, string]> = [
  ['8.8.8.8', 'public DNS'],
  ['1.1.1.1', 'public DNS'],
  ['93.184.216.34', 'public web'],
  ['9.255.255.255', 'just below 10/8'],
  ['11.0.0.0', 'just above 10/8'],
  ['100.63.255.255', 'just below CGNAT'],
  ['100.128.0.0', 'just above CGNAT'],
  ['172.15.255.255', 'just below 172.16/12'],
  ['172.32.0.0', 'just above 172.16/12'],
  ['192.0.3.1', 'next to TEST-NET-1'],
  ['198.17.255.255', 'just below 198.18/15'],
  ['198.20.0.0', 'just above 198.18/15'],
  ['223.255.255.255', 'just below multicast'],
  ['2606:4700:4700::1111', 'public IPv6'],
  ['2a00:1450:4001:80b::200e', 'public IPv6'],
  ['::ffff:8.8.8.8', 'IPv4-mapped public'],
  ['64:ff9b::808:808', 'NAT64 of public'],
  ['2002:808:808::1', '6to4 of public'],
];

describe('isBlockedAddress', () => {
  for (const [ip, why] of blocked) it(`refuses ${ip || '""'} (${why})`, () => assert.equal(isBlockedAddress(ip), true));
  for (const [ip, why] of allowed) it(`allows ${ip} (${why})`, () => assert.equal(isBlockedAddress(ip), false));
});

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (error) {
    assert.ok(error instanceof FetchError, `expected a FetchError, got ${String(error)}`);
    return error.code;
  }
}

describe('checkUrl', () => {
  const cases: Array<[string, string | null]> = [
    ['http://example.com/', null],
    ['https://example.com:8443/a?b=c', null],
    ['http://8.8.8.8/', null],
    ['http://[2606:4700:4700::1111]/', null],
    // Every spelling of loopback that WHATWG parsing (and inet_aton) accept.
    ['http://127.0.0.1/', 'BLOCKED_ADDRESS'],
    ['http://2130706433/', 'BLOCKED_ADDRESS'],
    ['http://0x7f000001/', 'BLOCKED_ADDRESS'],
    ['http://0x7f.0.0.1/', 'BLOCKED_ADDRESS'],
    ['http://0177.0.0.1/', 'BLOCKED_ADDRESS'],
    ['http://017700000001/', 'BLOCKED_ADDRESS'],
    ['http://127.1/', 'BLOCKED_ADDRESS'],
    ['http://127.0.1/', 'BLOCKED_ADDRESS'],
    ['http://127.0.0.1./', 'BLOCKED_ADDRESS'],
    ['http://0/', 'BLOCKED_ADDRESS'],
    ['http://[::1]/', 'BLOCKED_ADDRESS'],
    ['http://[::]/', 'BLOCKED_ADDRESS'],
    ['http://[::ffff:127.0.0.1]/', 'BLOCKED_ADDRESS'],
    ['http://[::ffff:7f00:1]/', 'BLOCKED_ADDRESS'],
    ['http://[0:0:0:0:0:ffff:7f00:1]/', 'BLOCKED_ADDRESS'],
    ['http://169.254.169.254/latest/meta-data/', 'BLOCKED_ADDRESS'],
    ['http://0xa9fea9fe/', 'BLOCKED_ADDRESS'],
    ['http://[fd00:ec2::254]/', 'BLOCKED_ADDRESS'],
    ['http://[fe80::1]/', 'BLOCKED_ADDRESS'],
    ['http://10.0.0.1:80/', 'BLOCKED_ADDRESS'],
    ['http://%31%32%37.0.0.1/', 'BLOCKED_ADDRESS'],
    ['http://１２７.０.０.１/', 'BLOCKED_ADDRESS'],
    // Host names are left to the connection-time check, which sees the resolved address.
    ['http://localhost./', null],
    ['ftp://example.com/', 'BLOCKED_URL'],
    ['file:///etc/passwd', 'BLOCKED_URL'],
    ['gopher://example.com:70/', 'BLOCKED_URL'],
    ['javascript:alert(1)', 'BLOCKED_URL'],
    ['data:text/html,hi', 'BLOCKED_URL'],
    ['http://user:pass@example.com/', 'BLOCKED_URL'],
    ['http://user@example.com/', 'BLOCKED_URL'],
    ['/relative', 'BLOCKED_URL'],
    ['http://', 'BLOCKED_URL'],
    [`http://example.com/${'a'.repeat(2100)}`, 'BLOCKED_URL'],
    ['http://example.com:22/', 'BLOCKED_PORT'],
    ['http://example.com:6379/', 'BLOCKED_PORT'],
    ['https://example.com:80/', null],
    ['http://example.com:0/', 'BLOCKED_PORT'],
  ];
  for (const [url, code] of cases) {
    it(`${code ? `refuses ${url.slice(0, 60)} with ${code}` : `accepts ${url}`}`, () => {
      assert.equal(
        codeOf(() => checkUrl(url)),
        code,
      );
    });
  }

  it('allows private addresses and any port when allowPrivateAddresses is set', () => {
    const policy = { allowPrivateAddresses: true };
    assert.equal(checkUrl('http://127.0.0.1:54321/x', policy).port, '54321');
    assert.equal(codeOf(() => checkUrl('http://[::1]:1/', policy)), null);
    assert.equal(codeOf(() => checkUrl('ftp://127.0.0.1/', policy)), 'BLOCKED_URL');
  });

  it('honours a custom port list and URL length', () => {
    assert.equal(codeOf(() => checkUrl('http://example.com:8080/', { allowPrivateAddresses: false, allowedPorts: [443] })), 'BLOCKED_PORT');
    assert.equal(codeOf(() => checkUrl('http://example.com/abc', { allowPrivateAddresses: false, maxUrlLength: 20 })), 'BLOCKED_URL');
  });
});

const hex = (x: number) => `0x${x.toString(16)}`;
const oct = (x: number) => `0${x.toString(8)}`;

/** Every IPv4 spelling of `n` that URL parsers (and inet_aton) accept. */
function spellings(n: number): string[] {
  const o = [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
  return [
    String(n),
    hex(n),
    oct(n),
    o.map(hex).join('.'),
    o.map(oct).join('.'),
    `${o[0]}.${o[1]}.${o[2] * 256 + o[3]}`,
    `${o[0]}.${(o[1] << 16) + o[2] * 256 + o[3]}`,
    `${hex(o[0])}.${oct(o[1])}.${o[2]}.${hex(o[3])}`,
    `${o.join('.')}.`,
  ];
}

describe('IPv4 spellings (property)', () => {
  // Half the samples land in or next to a blocked range, so both verdicts are exercised.
  const special = [0x00000000, 0x0a000000, 0x64400000, 0x7f000000, 0xa9fe0000, 0xac100000, 0xc0000000, 0xc0a80000, 0xc6120000, 0xe0000000, 0xf0000000];
  const address = fc.oneof(
    fc.integer({ min: 0, max: 0xffffffff }),
    fc.tuple(fc.constantFrom(...special), fc.integer({ min: -65536, max: 0x3fffff })).map(([base, offset]) => (base + offset + 2 ** 32) % 2 ** 32),
  );

  it('gives every spelling the verdict of the dotted form', () => {
    fc.assert(
      fc.property(address, (n) => {
        const dotted = [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
        const verdict = isBlockedAddress(dotted);
        for (const spelling of spellings(n)) {
          assert.equal(isBlockedAddress(spelling), verdict, `isBlockedAddress(${spelling}) vs ${dotted}`);
          const code = codeOf(() => checkUrl(`http://${spelling}/`));
          assert.equal(code, verdict ? 'BLOCKED_ADDRESS' : null, `checkUrl(http://${spelling}/) vs ${dotted}`);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('gives IPv6 forms embedding an IPv4 address the verdict of that address', () => {
    fc.assert(
      fc.property(address, (n) => {
        const dotted = [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
        const hi = (n >>> 16).toString(16);
        const lo = (n & 0xffff).toString(16);
        const verdict = isBlockedAddress(dotted);
        for (const v6 of [`::ffff:${dotted}`, `::ffff:${hi}:${lo}`, `64:ff9b::${hi}:${lo}`, `2002:${hi}:${lo}::1`]) {
          assert.equal(isBlockedAddress(v6), verdict, `${v6} vs ${dotted}`);
          assert.equal(codeOf(() => checkUrl(`http://[${v6}]/`)), verdict ? 'BLOCKED_ADDRESS' : null, `[${v6}]`);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
