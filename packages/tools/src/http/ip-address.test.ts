import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { AddressGuard } from './address-guard.ts';
import { blockedReason, inRange, parseIp, parseRange } from './ip-address.ts';

const reason = (address: string) => blockedReason(parseIp(address)!);

describe('IP address classification', () => {
  it.each([
    ['127.0.0.1', /loopback/],
    ['127.255.0.9', /loopback/],
    ['10.1.2.3', /private/],
    ['172.31.255.255', /private/],
    ['192.168.1.1', /private/],
    ['100.64.0.1', /carrier-grade NAT/],
    ['169.254.169.254', /metadata/],
    ['169.254.10.10', /link-local/],
    ['0.0.0.0', /unspecified/],
    ['224.0.0.1', /multicast/],
    ['255.255.255.255', /reserved or broadcast/],
    ['::1', /loopback/],
    ['::', /unspecified/],
    ['fd00:ec2::254', /metadata/],
    ['fc00::1', /unique-local/],
    ['fe80::1%eth0', /link-local/],
    ['::ffff:127.0.0.1', /loopback address \(IPv4-mapped\)/],
    ['::ffff:a9fe:a9fe', /metadata address \(IPv4-mapped\)/],
    ['::ffff:10.0.0.1', /private address \(IPv4-mapped\)/],
    ['64:ff9b::7f00:1', /loopback address \(NAT64\)/],
    ['2002:c0a8:101::1', /private address \(6to4\)/],
    ['::127.0.0.1', /loopback address \(IPv4-compatible\)/],
    ['2001:db8::1', /documentation/],
  ])('%s is refused', (address, expected) => {
    expect(reason(address)).toMatch(expected);
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])(
    '%s is public',
    (address) => {
      expect(reason(address)).toBeNull();
    },
  );

  it('parses ranges and matches mapped addresses against IPv4 ranges', () => {
    const range = parseRange('127.0.0.0/8')!;
    expect(inRange(parseIp('127.1.2.3')!, range)).toBe(true);
    expect(inRange(parseIp('::ffff:127.0.0.1')!, range)).toBe(true);
    expect(inRange(parseIp('128.0.0.1')!, range)).toBe(false);
    expect(parseRange('10.0.0.0/33')).toBeUndefined();
    expect(parseIp('localhost')).toBeUndefined();
    expect(parseIp('1.2.3')).toBeUndefined();
  });
});

describe('AddressGuard', () => {
  const resolver =
    (table: Record<string, string[]>) =>
    async (host: string): Promise<LookupAddress[]> => {
      const addresses = table[host];
      if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
      return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    };
  const lookup = (guard: AddressGuard, host: string, all = false) =>
    new Promise<unknown>((resolve, reject) => {
      guard.lookup()(host, { all }, (err, address) => (err ? reject(err) : resolve(address)));
    });

  it('refuses a name that resolves to a private address, naming both', async () => {
    const guard = new AddressGuard({}, resolver({ 'intranet.example': ['10.1.2.3'] }));
    await expect(lookup(guard, 'intranet.example')).rejects.toMatchObject({
      code: 'HTTP_BLOCKED',
      message: expect.stringContaining('intranet.example resolves to 10.1.2.3, a private address'),
    });
  });

  it('refuses a name when any of its addresses is private', async () => {
    const guard = new AddressGuard({}, resolver({ 'mixed.example': ['93.184.216.34', '::1'] }));
    await expect(lookup(guard, 'mixed.example', true)).rejects.toMatchObject({ code: 'HTTP_BLOCKED' });
  });

  it('answers public addresses in the shape the socket asked for', async () => {
    const guard = new AddressGuard({}, resolver({ 'public.example': ['93.184.216.34', '2606:2800::1'] }));
    await expect(lookup(guard, 'public.example')).resolves.toBe('93.184.216.34');
    await expect(lookup(guard, 'public.example', true)).resolves.toEqual([
      { address: '93.184.216.34', family: 4 },
      { address: '2606:2800::1', family: 6 },
    ]);
  });

  it('lets the allow-list permit names, wildcard names, addresses and ranges', async () => {
    const table = resolver({
      'db.internal': ['10.0.0.5'],
      'api.corp.example': ['192.168.1.2'],
      other: ['10.9.9.9'],
    });
    const guard = new AddressGuard({ allow: ['db.internal', '*.corp.example', '10.9.0.0/16', '::1'] }, table);
    await expect(lookup(guard, 'db.internal')).resolves.toBe('10.0.0.5');
    await expect(lookup(guard, 'api.corp.example')).resolves.toBe('192.168.1.2');
    await expect(lookup(guard, 'other')).resolves.toBe('10.9.9.9');
    expect(guard.refusal('::1', '::1')).toBeNull();
    expect(guard.refusal('corp.example', '192.168.1.2')).toMatch(/private/);
    expect(() => guard.checkLiteral('[::ffff:127.0.0.1]')).toThrow(/loopback/);
  });
});
