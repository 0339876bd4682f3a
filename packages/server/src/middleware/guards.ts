import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.js';
import { clientIp } from '../services/client-ip.js';
import { authenticate, requireFullAccess, requireWritable } from './auth.js';
import { idempotency, type KeyCheck } from './idempotency.js';
import { type BodyRule, requireJsonBody } from './json-body.js';
import { authenticatePublishable } from './publishable-auth.js';
import { rateLimit } from './rate-limit.js';
import { spamTrap } from './spam-trap.js';
import { tenantTransaction } from './tenant-transaction.js';

/**
 * What runs before a route's validation and handler. Every route declares its guard where it is
 * defined — `createRoute({ ..., middleware: guard.api() })` — so there is no list of paths to keep
 * in step with the routes, and a route without a guard has no auth at all (the route sweep in
 * `app.test.ts` calls every operation without credentials and fails on any that answers).
 */
export type Guard = MiddlewareHandler<AppEnv>[];

export interface GuardOptions {
  /** How the request body is checked: `json` (the default for POST/PUT/PATCH) or `none` for bodyless actions. */
  body?: BodyRule;
  /**
   * When an `Idempotency-Key` is checked (`KeyCheck`): `before` the handler (the default), or
   * `at-commit`, a round trip less, for routes whose every effect is in the request's transaction.
   */
  idempotency?: KeyCheck;
}

const apiAuth = authenticate({ allow: ['secret', 'session'] });

// Sessions minted from a key count against that key; others against their organisation.
const perKeyLimit = rateLimit([
  {
    policy: 'secretPerKey',
    key: (c) => (c.get('auth').keyId ? `key:${c.get('auth').keyId}` : `org:${c.get('auth').organizationId}`),
  },
]);

const publicLimits = rateLimit([
  { policy: 'publicPerKey', key: (c) => `key:${c.get('auth').keyId}` },
  { policy: 'publicPerIp', key: (c) => clientIp(c) },
]);

export const guard = {
  /**
   * The organisation's API: secret keys and portal sessions, read-only sessions only reading,
   * rate-limited per key, `Idempotency-Key` honoured on writes.
   */
  api: (options: GuardOptions = {}): Guard => [
    requireJsonBody(options.body),
    apiAuth,
    perKeyLimit,
    requireWritable(),
    tenantTransaction(),
    idempotency(options.idempotency),
  ],
  /**
   * `GET /v1/events`: like `api` for reading, without the request transaction, which a stream would
   * hold open for its whole life; the stream reads each batch in a transaction of its own.
   */
  stream: (): Guard => [requireJsonBody(), apiAuth, perKeyLimit],
  /** Like `api`, for POSTs that compute without writing: read-only sessions may call them. */
  compute: (options: GuardOptions = {}): Guard => [
    requireJsonBody(options.body),
    apiAuth,
    perKeyLimit,
    tenantTransaction(),
    idempotency(),
  ],
  /**
   * Secret keys and full (not read-only) sessions, whatever the method: the organisation's
   * integrations (API keys, webhook endpoints and their deliveries, inbound sources). A webhook URL
   * is often a capability (a Zapier or Slack hook), so even reading one is not for a portal.
   */
  fullAccess: (options: GuardOptions = {}): Guard => [
    requireJsonBody(options.body),
    apiAuth,
    perKeyLimit,
    requireFullAccess(),
    tenantTransaction(),
    idempotency(),
  ],
  /** Secret keys only (no session may mint another session or manage keys). */
  secretKey: (options: GuardOptions = {}): Guard => [
    requireJsonBody(options.body),
    authenticate({ allow: ['secret'] }),
    perKeyLimit,
    tenantTransaction(),
    idempotency(),
  ],
  /**
   * Browser capture: a publishable key from an allowed origin, rate limits per key and per client
   * IP, the spam trap (bots get `decoy(c)` and nothing is stored), then idempotency.
   */
  publishable: (
    decoy: (c: Context<AppEnv>) => Response,
    options: Pick<GuardOptions, 'idempotency'> = {},
  ): Guard => [
    requireJsonBody('json'),
    authenticatePublishable(),
    publicLimits,
    spamTrap(decoy),
    tenantTransaction(),
    idempotency(options.idempotency),
  ],
  /**
   * Senders that sign instead of holding a key (inbound leads, Twilio, Stripe): the signature
   * check is the auth; `limitAuthFailures` (app-wide) slows down whoever keeps failing it.
   */
  signed: (verify: MiddlewareHandler<AppEnv>): Guard => [verify],
  /** Open to anyone (health checks). */
  none: (): Guard => [],
};
