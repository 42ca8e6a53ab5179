import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import type { HttpPolicy } from '../services.ts';
import { ToolsError } from '../shared/tools-error.ts';
import {
  blockedReason,
  formatIp,
  type IpRange,
  inRange,
  parseIp,
  parseRange,
  unmapIpv4,
} from './ip-address.ts';

/** Resolves a host name to every address it has (`dns.lookup` with `all: true` by default). */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolver: Resolver = (hostname) =>
  new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true, verbatim: true }, (err, addresses) =>
      err ? reject(err) : resolve(addresses),
    );
  });

/**
 * Decides which addresses `http.request` may connect to. The check runs on the addresses a name
 * resolves to, inside the socket's own lookup, so what is checked is what is connected to (a name
 * cannot resolve to a public address for the check and a private one for the connection).
 */
export class AddressGuard {
  private readonly hosts: string[];
  private readonly ranges: IpRange[];

  constructor(
    policy: HttpPolicy | undefined,
    private readonly resolver: Resolver = systemResolver,
  ) {
    this.hosts = [];
    this.ranges = [];
    for (const entry of policy?.allow ?? []) {
      const trimmed = entry.trim().toLowerCase();
      if (!trimmed) continue;
      const range = parseRange(trimmed);
      if (range) this.ranges.push(range);
      else this.hosts.push(trimmed);
    }
  }

  /** True when the allow-list names this host (exactly, or through a `*.suffix` entry). */
  hostAllowed(hostname: string): boolean {
    const host = hostname.toLowerCase().replace(/\.$/, '');
    return this.hosts.some((entry) =>
      entry.startsWith('*.')
        ? host.endsWith(entry.slice(1)) && host.length > entry.length - 1
        : host === entry,
    );
  }

  /** Why connecting to `address` for `hostname` is refused, or `null` when it is fine. */
  refusal(hostname: string, address: string): string | null {
    if (this.hostAllowed(hostname)) return null;
    const ip = parseIp(address);
    if (!ip) return `'${address}' is not an IP address`;
    if (this.ranges.some((range) => inRange(ip, range))) return null;
    const reason = blockedReason(ip);
    if (!reason) return null;
    const shown = formatIp(unmapIpv4(ip));
    const via = parseIp(hostname) ? '' : `${hostname} resolves to ${shown}, `;
    return `${via}${via ? '' : `${shown} is `}${reason}; refused (allow it with the HTTP allow-list, WEFT_HTTP_ALLOW)`;
  }

  /** Refuses an IP-literal host before any connection is tried (sockets skip the lookup for those). */
  checkLiteral(hostname: string): void {
    const bare = hostname.replace(/^\[|\]$/g, '');
    if (!parseIp(bare)) return;
    const reason = this.refusal(bare, bare);
    if (reason) throw new ToolsError('HTTP_BLOCKED', reason);
  }

  /** A `lookup` for `http.request` that resolves, refuses blocked addresses and answers with the rest. */
  lookup(): LookupFunction {
    return (hostname, options, callback) => {
      this.resolver(hostname).then(
        (addresses) => {
          const wanted = options.family === 4 || options.family === 6 ? options.family : 0;
          const usable = addresses.filter((a) => wanted === 0 || a.family === wanted);
          // Every address must pass: a name with one public and one private address is refused, since
          // which one is used is not ours to choose.
          for (const a of usable) {
            const reason = this.refusal(hostname, a.address);
            if (reason) {
              callback(new ToolsError('HTTP_BLOCKED', reason), '', 4);
              return;
            }
          }
          const first = usable[0];
          if (!first) {
            const err = Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' });
            callback(err, '', 4);
          } else if (options.all) {
            (callback as unknown as (err: null, addresses: LookupAddress[]) => void)(null, usable);
          } else {
            callback(null, first.address, first.family);
          }
        },
        (err: NodeJS.ErrnoException) => callback(err, '', 4),
      );
    };
  }
}
