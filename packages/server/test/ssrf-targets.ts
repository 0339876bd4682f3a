import type { Resolve } from '../src/services/webhooks/webhook-settings.js';

/**
 * Names the tests resolve themselves (nothing is looked up, no traffic leaves the machine): each
 * stands for a DNS name an attacker controls that points at an internal address.
 */
const TEST_NAMES: Record<string, string[]> = {
  'loopback.attacker.test': ['127.0.0.1'],
  'ten.attacker.test': ['10.1.2.3'],
  'metadata.attacker.test': ['169.254.169.254'],
  'cgnat.attacker.test': ['100.64.0.7'],
  'ula.attacker.test': ['fd00:ec2::254'],
  'mapped.attacker.test': ['::ffff:192.168.1.1'],
  'mixed.attacker.test': ['93.184.215.14', '192.168.0.10'],
  'public.example.test': ['93.184.215.14'],
};

export const testResolve: Resolve = async (hostname) => {
  const addresses = TEST_NAMES[hostname];
  if (!addresses) throw new Error(`ENOTFOUND ${hostname}`);
  return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};

/** Webhook targets that must be refused: at least 20 spellings of internal addresses. */
export const REFUSED_TARGETS = [
  'http://127.0.0.1/hook',
  'http://127.1/hook',
  'http://2130706433/hook', // decimal
  'http://0x7f000001/hook', // hex
  'http://0177.0.0.1/hook', // octal
  'http://017700000001/hook', // octal, one number
  'http://0.0.0.0/hook',
  'http://localhost/hook',
  'http://[::1]/hook',
  'http://[::]/hook',
  'http://[::ffff:127.0.0.1]/hook', // IPv4-mapped IPv6
  'http://[::ffff:7f00:1]/hook',
  'http://[0:0:0:0:0:ffff:a9fe:a9fe]/hook', // mapped metadata address
  'http://[64:ff9b::a9fe:a9fe]/hook', // NAT64 of the metadata address
  'http://[fe80::1]/hook', // link-local IPv6
  'http://[fd00:ec2::254]/hook', // AWS IPv6 metadata (unique-local)
  'http://10.0.0.1/hook',
  'http://172.16.5.4/hook',
  'http://192.168.1.1/hook',
  'http://169.254.169.254/latest/meta-data/', // cloud metadata
  'http://100.64.0.1/hook', // carrier-grade NAT
  'http://198.18.0.1/hook', // benchmarking
  'http://224.0.0.1/hook', // multicast
  'http://255.255.255.255/hook',
  'http://metadata.google.internal/computeMetadata/v1/',
  'http://loopback.attacker.test/hook',
  'http://ten.attacker.test/hook',
  'http://metadata.attacker.test/hook',
  'http://cgnat.attacker.test/hook',
  'http://ula.attacker.test/hook',
  'http://mapped.attacker.test/hook',
  'http://mixed.attacker.test/hook', // one public, one private address
  'http://LOCALHOST./hook',
  'http://user:pass@public.example.test/hook', // credentials in the URL
  'ftp://public.example.test/hook',
  'http://does-not-resolve.test/hook',
];
