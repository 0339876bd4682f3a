import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import type { ResolvedAddress, WebhookSettings } from './webhook-settings.js';

/** A webhook URL the server will not call; `reason` is safe to show the endpoint's owner. */
export class TargetRefused extends Error {
  override name = 'TargetRefused';
}

/** Names that reach cloud metadata services whatever they resolve to. */
const METADATA_HOSTS = new Set([
  'metadata.google.internal',
  'metadata',
  'instance-data',
  'metadata.azure.com',
]);

/**
 * Only ordinary public unicast addresses may receive webhooks. ipaddr.js classifies the rest:
 * private, loopback, link-local (169.254.169.254 is the metadata service), carrier-grade NAT,
 * unique-local IPv6, IPv4-mapped and NAT64/6to4/Teredo forms that can smuggle a private IPv4,
 * multicast, broadcast, unspecified and reserved ranges.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.parse(address).range() === 'unicast';
}

export interface CheckedTarget {
  url: URL;
  /** The address to connect to: resolved once, then pinned, so a second lookup cannot differ. */
  pinned: ResolvedAddress;
}

/**
 * Checks a webhook URL and picks the address to connect to. The WHATWG parser has already turned
 * decimal, octal and hex IPv4 forms (`http://2130706433/`, `http://0177.0.0.1/`) into dotted
 * quads; names are resolved once and refused when any of their addresses is not public, so a
 * name with one public and one private address cannot be used to reach the private one.
 */
export async function checkTarget(
  rawUrl: string,
  settings: Pick<WebhookSettings, 'allowedHosts' | 'resolve'>,
): Promise<CheckedTarget> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new TargetRefused('The URL cannot be parsed');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new TargetRefused('Only http and https URLs');
  if (url.username || url.password) throw new TargetRefused('A webhook URL may not carry credentials');
  const hostname = url.hostname
    .replace(/^\[|\]$/g, '')
    .toLowerCase()
    .replace(/\.$/, '');
  const allowed = settings.allowedHosts.has(hostname);
  if (!allowed && METADATA_HOSTS.has(hostname)) throw new TargetRefused('Metadata service hosts are refused');

  const family = isIP(hostname);
  let addresses: ResolvedAddress[];
  if (family !== 0) {
    addresses = [{ address: hostname, family: family as 4 | 6 }];
  } else {
    try {
      addresses = await settings.resolve(hostname);
    } catch {
      throw new TargetRefused(`The host ${hostname} does not resolve`);
    }
    if (addresses.length === 0) throw new TargetRefused(`The host ${hostname} does not resolve`);
  }
  if (!allowed) {
    const refused = addresses.find(({ address }) => !isPublicAddress(address));
    if (refused) {
      const subject =
        family === 0 ? `${hostname} resolves to ${refused.address}, which is` : `${hostname} is`;
      throw new TargetRefused(`${subject} not a public address (private, loopback, link-local or reserved)`);
    }
  }
  return { url, pinned: addresses[0]! };
}
