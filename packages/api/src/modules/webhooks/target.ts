import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { promises as dns } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { DomainError } from '../../lib/errors.js';

/**
 * The SSRF guard of webhook deliveries: a target must be a public unicast address, never the
 * platform's own network (loopback, private, link-local, unique-local, carrier-grade NAT, reserved,
 * multicast…) unless the deployment allows it explicitly (WEBHOOK_ALLOW_PRIVATE_TARGETS, which the
 * tests set for their local receiver). The URL is checked when an endpoint is saved, and every
 * connection is checked again at the address it really connects to (a DNS answer may change).
 */

/** Whether an address is public: unicast outside every special range (IPv4-mapped IPv6 as IPv4). */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'unicast';
}

const forbidden = (address: string) => new DomainError('WEBHOOK_TARGET_FORBIDDEN', 400, { params: { address } });

/** The host of a URL as a resolver or `isIP` expects it (IPv6 literals without brackets). */
const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1');

/**
 * Parses a webhook URL: http(s), no credentials in it. Throws WEBHOOK_URL_INVALID (400) naming
 * the field at `path`.
 */
export function parseTargetUrl(text: string, path = '/body/url'): URL {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || !['http:', 'https:'].includes(url.protocol) || url.username || url.password || !url.hostname) {
    throw new DomainError('WEBHOOK_URL_INVALID', 400, { fields: [{ path, code: 'WEBHOOK_URL_INVALID' }] });
  }
  return url;
}

/**
 * Refuses a URL whose host is, or resolves to, a non-public address (400 WEBHOOK_TARGET_FORBIDDEN,
 * or WEBHOOK_TARGET_UNRESOLVED when the name does not resolve), unless private targets are allowed.
 */
export async function assertPublicTarget(url: URL, allowPrivate: boolean, path = '/body/url'): Promise<void> {
  if (allowPrivate) return;
  const host = hostOf(url);
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = (await dns.lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);
    } catch {
      throw new DomainError('WEBHOOK_TARGET_UNRESOLVED', 400, {
        params: { host },
        fields: [{ path, code: 'WEBHOOK_TARGET_UNRESOLVED', params: { host } }],
      });
    }
  }
  const bad = addresses.find((address) => !isPublicAddress(address));
  if (bad !== undefined) {
    throw new DomainError('WEBHOOK_TARGET_FORBIDDEN', 400, {
      params: { address: bad },
      fields: [{ path, code: 'WEBHOOK_TARGET_FORBIDDEN', params: { address: bad } }],
    });
  }
}

/**
 * A `lookup` for http.request that fails the connection when the name resolves to a non-public
 * address: the check happens on the address connected to, so a DNS answer that changed since the
 * endpoint was saved (DNS rebinding) cannot reach the platform's network.
 */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const bad = allowPrivate ? undefined : addresses.find((entry) => !isPublicAddress(entry.address));
      if (bad) return callback(forbidden(bad.address), '', 0);
      if (options.all) return callback(null, addresses);
      const [first] = addresses;
      if (!first) return callback(new Error(`no address for ${hostname}`), '', 0);
      return callback(null, first.address, first.family);
    });
  };
}

/** Refuses an IP literal of a URL that is not public (a literal is connected to without lookup). */
export function assertPublicLiteral(url: URL, allowPrivate: boolean): void {
  const host = hostOf(url);
  if (!allowPrivate && isIP(host) && !isPublicAddress(host)) throw forbidden(host);
}
