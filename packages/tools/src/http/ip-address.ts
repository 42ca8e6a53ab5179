import { isIP } from 'node:net';

/** An IP address as bytes: 4 for IPv4, 16 for IPv6. */
export interface IpAddress {
  family: 4 | 6;
  bytes: number[];
}

/** Parses an IPv4 or IPv6 literal (brackets and zone ids allowed); `undefined` if it is not one. */
export function parseIp(text: string): IpAddress | undefined {
  const bare = text.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 4) return { family: 4, bytes: bare.split('.').map(Number) };
  if (family !== 6) return undefined;
  let head = bare;
  let tail: number[] = [];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(bare);
  if (dotted?.[1]) {
    tail = dotted[1].split('.').map(Number);
    head = bare.slice(0, -dotted[1].length);
    if (head.endsWith(':') && !head.endsWith('::')) head = head.slice(0, -1);
  }
  const [left = '', right] = head.split('::');
  const words = (part: string) => (part ? part.split(':').map((w) => Number.parseInt(w, 16)) : []);
  const leftWords = words(left);
  const rightWords = right === undefined ? [] : words(right);
  const missing = 8 - tail.length / 2 - leftWords.length - rightWords.length;
  const all = [...leftWords, ...new Array<number>(right === undefined ? 0 : missing).fill(0), ...rightWords];
  const bytes = all.flatMap((w) => [w >> 8, w & 0xff]).concat(tail);
  return bytes.length === 16 ? { family: 6, bytes } : undefined;
}

export function formatIp(ip: IpAddress): string {
  if (ip.family === 4) return ip.bytes.join('.');
  const words: string[] = [];
  for (let i = 0; i < 16; i += 2) words.push(((ip.bytes[i]! << 8) | ip.bytes[i + 1]!).toString(16));
  return words.join(':').replace(/(^|:)0(:0)+(:|$)/, '::');
}

/** The IPv4 address inside an IPv4-mapped (`::ffff:a.b.c.d`) or IPv4-compatible IPv6 address. */
export function unmapIpv4(ip: IpAddress): IpAddress {
  if (ip.family === 6 && prefixMatch(ip.bytes, MAPPED, 96)) return { family: 4, bytes: ip.bytes.slice(12) };
  return ip;
}

const MAPPED = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];

export function prefixMatch(bytes: number[], prefix: number[], bits: number): boolean {
  for (let bit = 0; bit < bits; bit++) {
    const i = bit >> 3;
    const mask = 0x80 >> (bit & 7);
    if (((bytes[i] ?? 0) & mask) !== ((prefix[i] ?? 0) & mask)) return false;
  }
  return true;
}

/** A CIDR range (`10.0.0.0/8`, `fd00::/8`) or a single address. */
export interface IpRange {
  address: IpAddress;
  bits: number;
}

export function parseRange(text: string): IpRange | undefined {
  const [addr = '', bitsText] = text.split('/');
  const address = parseIp(addr);
  if (!address) return undefined;
  const max = address.family === 4 ? 32 : 128;
  const bits = bitsText === undefined ? max : Number(bitsText);
  if (!Number.isInteger(bits) || bits < 0 || bits > max) return undefined;
  return { address, bits };
}

export function inRange(ip: IpAddress, range: IpRange): boolean {
  const candidate = range.address.family === 4 ? unmapIpv4(ip) : ip;
  return (
    candidate.family === range.address.family && prefixMatch(candidate.bytes, range.address.bytes, range.bits)
  );
}

type Rule = [range: string, reason: string];

const IPV4_RULES: Rule[] = [
  ['169.254.169.254/32', 'a cloud metadata address'],
  ['100.100.100.200/32', 'a cloud metadata address'],
  ['0.0.0.0/8', 'an unspecified ("this network") address'],
  ['10.0.0.0/8', 'a private address'],
  ['100.64.0.0/10', 'a carrier-grade NAT (shared) address'],
  ['127.0.0.0/8', 'a loopback address'],
  ['169.254.0.0/16', 'a link-local address'],
  ['172.16.0.0/12', 'a private address'],
  ['192.0.0.0/24', 'an IETF protocol address'],
  ['192.0.2.0/24', 'a documentation address'],
  ['192.88.99.0/24', 'a 6to4 relay address'],
  ['192.168.0.0/16', 'a private address'],
  ['198.18.0.0/15', 'a benchmarking address'],
  ['198.51.100.0/24', 'a documentation address'],
  ['203.0.113.0/24', 'a documentation address'],
  ['224.0.0.0/4', 'a multicast address'],
  ['240.0.0.0/4', 'a reserved or broadcast address'],
];

const IPV6_RULES: Rule[] = [
  ['::/128', 'the unspecified address'],
  ['::1/128', 'a loopback address'],
  ['fd00:ec2::254/128', 'a cloud metadata address'],
  ['64:ff9b:1::/48', 'a local-use NAT64 address'],
  ['100::/64', 'a discard-only address'],
  ['2001::/32', 'a Teredo tunnel address'],
  ['2001:2::/48', 'a benchmarking address'],
  ['2001:10::/28', 'an ORCHID address'],
  ['2001:20::/28', 'an ORCHID address'],
  ['2001:db8::/32', 'a documentation address'],
  ['fc00::/7', 'a unique-local (private) address'],
  ['fe80::/10', 'a link-local address'],
  ['fec0::/10', 'a site-local address'],
  ['ff00::/8', 'a multicast address'],
];

const compile = (rules: Rule[]) => rules.map(([range, reason]) => ({ range: parseRange(range)!, reason }));
const V4 = compile(IPV4_RULES);
const V6 = compile(IPV6_RULES);
const EMBEDDED_V4: Array<{ range: IpRange; offset: number; what: string }> = [
  { range: parseRange('::ffff:0:0/96')!, offset: 12, what: 'IPv4-mapped' },
  { range: parseRange('64:ff9b::/96')!, offset: 12, what: 'NAT64' },
  { range: parseRange('2002::/16')!, offset: 2, what: '6to4' },
  { range: parseRange('::/96')!, offset: 12, what: 'IPv4-compatible' },
];

/**
 * Why an address must not be reached from a server-side request, or `null` when it is public.
 * IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by that address.
 */
export function blockedReason(ip: IpAddress): string | null {
  if (ip.family === 4) return V4.find((rule) => inRange(ip, rule.range))?.reason ?? null;
  const direct = V6.find((rule) => prefixMatch(ip.bytes, rule.range.address.bytes, rule.range.bits));
  if (direct) return direct.reason;
  for (const { range, offset, what } of EMBEDDED_V4) {
    if (prefixMatch(ip.bytes, range.address.bytes, range.bits)) {
      const inner = blockedReason({ family: 4, bytes: ip.bytes.slice(offset, offset + 4) });
      return inner ? `${inner} (${what})` : null;
    }
  }
  return null;
}
