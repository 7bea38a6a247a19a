import { isIP, isIPv4, isIPv6 } from 'node:net';

/**
 * IPv4 ranges no fetch may connect to (RFC 6890 special-purpose registry): the host itself, private
 * networks, cloud metadata (169.254.169.254), documentation, benchmarking, multicast, reserved.
 */
const BLOCKED_IPV4: ReadonlyArray<readonly [string, number]> = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // TEST-NET-1
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // TEST-NET-2
  ['203.0.113.0', 24], // TEST-NET-3
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and 255.255.255.255
];

const BLOCKED_IPV4_RANGES = BLOCKED_IPV4.map(([base, prefix]) => ({ base: ipv4ToInt(base), prefix }));

function ipv4ToInt(dotted: string): number {
  return dotted.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
}

function inIpv4Range(ip: number, base: number, prefix: number): boolean {
  const size = 2 ** (32 - prefix);
  return Math.floor(ip / size) === Math.floor(base / size);
}

function isBlockedIpv4Int(ip: number): boolean {
  return BLOCKED_IPV4_RANGES.some(({ base, prefix }) => inIpv4Range(ip, base, prefix));
}

/** The eight 16-bit groups of a valid IPv6 address (as accepted by net.isIPv6, zone already removed). */
function ipv6Groups(address: string): number[] {
  let text = address;
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.', lastColon)) {
    // A dotted IPv4 tail (::ffff:127.0.0.1) is two groups written differently.
    const v4 = ipv4ToInt(text.slice(lastColon + 1));
    text = `${text.slice(0, lastColon + 1)}${Math.floor(v4 / 65536).toString(16)}:${(v4 % 65536).toString(16)}`;
  }
  const [head, rest] = text.split('::') as [string, string | undefined];
  if (rest === undefined) return parseGroups(head);
  const left = parseGroups(head);
  const right = parseGroups(rest);
  return [...left, ...Array.from({ length: 8 - left.length - right.length }, () => 0), ...right];
}

function parseGroups(part: string): number[] {
  return part ? part.split(':').map((group) => parseInt(group, 16)) : [];
}

function isBlockedEmbeddedIpv4(high: number, low: number): boolean {
  return isBlockedIpv4Int(high * 65536 + low);
}

function isBlockedIpv6(address: string): boolean {
  const g = ipv6Groups(address);
  // IPv4-mapped ::ffff:a.b.c.d: the socket would really talk IPv4 to the embedded address.
  if (g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0xffff) return isBlockedEmbeddedIpv4(g[6], g[7]);
  // NAT64 64:ff9b::/96: a NAT64 gateway forwards to the embedded IPv4 address.
  if (g[0] === 0x64 && g[1] === 0xff9b && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0) {
    return isBlockedEmbeddedIpv4(g[6], g[7]);
  }
  // 6to4 2002:AABB:CCDD::/48: relays deliver to the embedded IPv4 address.
  if (g[0] === 0x2002) return isBlockedEmbeddedIpv4(g[1], g[2]);
  // Everything outside global unicast 2000::/3 is local or special: ::, ::1, ::/96, fc00::/7,
  // fe80::/10, fec0::/10, ff00::/8, 100::/64, 64:ff9b:1::/48, ::ffff:0:0:0/96 ...
  if ((g[0] & 0xe000) !== 0x2000) return true;
  if (g[0] === 0x2001 && g[1] < 0x0200) return true; // 2001::/23 IETF assignments, incl. Teredo 2001::/32
  if (g[0] === 0x2001 && g[1] === 0x0db8) return true; // documentation
  if (g[0] === 0x3fff && g[1] < 0x1000) return true; // documentation 3fff::/20
  if (g[0] === 0x3ffe) return true; // former 6bone
  return false;
}

/**
 * The canonical form of an IP address, or null when `input` is not one. Besides the usual IPv4 and
 * IPv6 forms (brackets and zone ids allowed), it accepts every IPv4 spelling that WHATWG URL parsing
 * (and inet_aton) accepts — `2130706433`, `0x7f.1`, `0177.0.0.1` — so that a verdict on a spelling
 * is the verdict on the address a socket would use.
 */
export function canonicalIp(input: string): string | null {
  let text = input.trim();
  if (text.startsWith('[') && text.endsWith(']')) text = text.slice(1, -1);
  const zone = text.indexOf('%');
  if (zone >= 0 && isIPv6(text)) text = text.slice(0, zone);
  if (isIP(text)) return text.toLowerCase();
  if (/^[0-9a-fx.]+$/i.test(text)) {
    try {
      const host = new URL(`http://${text}/`).hostname;
      if (isIPv4(host)) return host;
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * True when no fetch may connect to `ip`: loopback, private, link-local, CGNAT, documentation,
 * benchmarking, multicast and reserved ranges of IPv4 and IPv6, and IPv6 forms embedding such an
 * IPv4 address (IPv4-mapped, NAT64, 6to4). Anything that is not an IP address is blocked too.
 */
export function isBlockedAddress(ip: string): boolean {
  const address = canonicalIp(ip);
  if (address === null) return true;
  return isIPv4(address) ? isBlockedIpv4Int(ipv4ToInt(address)) : isBlockedIpv6(address);
}
