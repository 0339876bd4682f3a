import { BlockList, isIP } from 'node:net';
import type { Context } from 'hono';
import type { AppEnv } from '../context.js';

/** `::ffff:10.0.0.1` and `10.0.0.1` are the same IPv4 client. */
const unmapIPv4 = (address: string) =>
  address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;

const compiled = new WeakMap<readonly string[], BlockList>();

/** Parses `10.0.0.1`, `10.0.0.0/8`, `::1` or `fd00::/8` entries into a BlockList; bad entries throw. */
export function trustedProxyList(entries: readonly string[]): BlockList {
  let list = compiled.get(entries);
  if (list) return list;
  list = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix] = entry.trim().split('/');
    const family = isIP(address);
    if (!family) throw new Error(`Not an IP address or CIDR range: ${entry}`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  compiled.set(entries, list);
  return list;
}

const isTrusted = (list: BlockList, address: string) => {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 4 ? 'ipv4' : 'ipv6');
};

/**
 * The client's IP: the socket's peer address, unless that peer is a configured proxy, in which
 * case X-Forwarded-For is read from the right, skipping trusted proxies, to the first address a
 * trusted hop vouched for. Anything left of that is the client's own claim and is ignored.
 */
export function resolveClientIp(
  socketAddress: string | null,
  forwardedFor: string | undefined,
  trustedProxies: readonly string[],
): string | null {
  if (!socketAddress) return null;
  let address = unmapIPv4(socketAddress);
  if (!trustedProxies.length || !forwardedFor) return address;
  const list = trustedProxyList(trustedProxies);
  const hops = forwardedFor
    .split(',')
    .map((hop) => unmapIPv4(hop.trim()))
    .reverse();
  for (const hop of hops) {
    if (!isTrusted(list, address)) break;
    if (!isIP(hop)) break;
    address = hop;
  }
  return address;
}

/** The socket peer address that @hono/node-server puts in `c.env.incoming`; null elsewhere. */
function socketAddress(c: Context): string | null {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? null;
}

export const clientIp = (c: Context<AppEnv>) =>
  resolveClientIp(socketAddress(c), c.req.header('x-forwarded-for'), c.get('deps').trustedProxies ?? []);
