import { lookup } from 'node:dns/promises';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Every address a host name resolves to (the system resolver by default). */
export type Resolve = (hostname: string) => Promise<ResolvedAddress[]>;

export interface WebhookSettings {
  /** Host names (lower case) exempt from the address rule: on-premises receivers and tests. */
  allowedHosts: ReadonlySet<string>;
  /** Waits between tries; a delivery gets `retryDelaysMs.length + 1` tries, then its endpoint is disabled. */
  retryDelaysMs: readonly number[];
  /** A try without a complete answer in this time has failed. */
  timeoutMs: number;
  /** The receiver's answer is read up to this many bytes (kept for `last_error`), then cut off. */
  maxResponseBytes: number;
  resolve: Resolve;
}

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** About three days in all: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h. */
export const DEFAULT_RETRY_DELAYS_MS = [
  5 * SECOND,
  5 * MINUTE,
  30 * MINUTE,
  2 * HOUR,
  5 * HOUR,
  10 * HOUR,
  14 * HOUR,
  20 * HOUR,
  24 * HOUR,
];

export const systemResolve: Resolve = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map(({ address, family }) => ({
    address,
    family: family === 6 ? 6 : 4,
  }));

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/** `HK_WEBHOOK_ALLOWED_HOSTS` and `HK_WEBHOOK_RETRY_DELAYS_MS` (comma-separated), else the defaults. */
export function webhookSettingsFromEnv(env: Record<string, string | undefined>): WebhookSettings {
  const delays = list(env.HK_WEBHOOK_RETRY_DELAYS_MS).map((item) => {
    const delay = Number(item);
    if (!Number.isFinite(delay) || delay < 0)
      throw new Error(`HK_WEBHOOK_RETRY_DELAYS_MS: "${item}" is not a number of milliseconds`);
    return delay;
  });
  return {
    allowedHosts: new Set(list(env.HK_WEBHOOK_ALLOWED_HOSTS).map((host) => host.toLowerCase())),
    retryDelaysMs: delays.length > 0 ? delays : DEFAULT_RETRY_DELAYS_MS,
    timeoutMs: 15 * SECOND,
    maxResponseBytes: 64 * 1024,
    resolve: systemResolve,
  };
}
