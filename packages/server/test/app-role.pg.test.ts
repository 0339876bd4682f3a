import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/database.js';
import { openDatabase } from '../src/db/open.js';
import { APP_ROLE, asSystem, withOrganization } from '../src/db/tenant.js';
import { cliCommand, type ServerProcess, spawnServer } from './spawn-server.js';
import { type StripeStandIn, stripeStandIn } from './stripe-stand-in.js';
import { startTwilioStandIn, type TwilioStandIn } from './twilio-stand-in.js';

/**
 * The production setup of DEPLOYMENT.md: migrations run with the owner's URL
 * (`DATABASE_MIGRATION_URL`), the server logs in as `hidden_key_app`, which owns nothing and is
 * subject to every policy. Everything a deployment does must still work (requests, jobs, inbound
 * senders, the retention sweep, the CLI), and that connection must not be able to leave the wall,
 * not even by an injected `RESET ROLE`.
 */
const ownerUrl = inject('postgresUrl')!;
/** The same database, logged in as the app role (trust auth here; a password in production). */
const appUrl = (() => {
  const url = new URL(ownerUrl);
  url.username = APP_ROLE;
  url.password = '';
  return url.toString();
})();

const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const NUMBER = '+19165550142';
const ORIGIN = 'https://partner.example';

/** `hk-server <args>` as the app role, its JSON output parsed. */
async function cli(args: string[], env: Record<string, string> = {}) {
  const { stdout } = await promisify(execFile)(process.execPath, [...cliCommand(), ...args], {
    cwd: packageRoot,
    env: { ...process.env, DATABASE_URL: appUrl, DATABASE_MIGRATION_URL: '', ...env },
  });
  return JSON.parse(stdout);
}

interface Org {
  organization_id: string;
  secret_key: string;
  publishable_key: string;
}

let twilio: TwilioStandIn;
const stripe: StripeStandIn = stripeStandIn();
let server: ServerProcess;
let a: Org;
let b: Org;

async function call(key: string, method: string, path: string, body?: unknown, headers = {}) {
  const res = await fetch(`${server.baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  // biome-ignore lint/suspicious/noExplicitAny: read loosely, as the harness does
  return { status: res.status, body: (await res.json()) as any };
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  twilio = await startTwilioStandIn();
  // The CLI as the app role: `org create` writes through the system role.
  a = await cli(['org', 'create', '--name', 'App role A', '--origins', ORIGIN]);
  b = await cli(['org', 'create', '--name', 'App role B']);
  server = await spawnServer(appUrl, {
    DATABASE_MIGRATION_URL: ownerUrl,
    TWILIO_AUTH_TOKEN: twilio.authToken,
    TWILIO_ACCOUNT_SID: twilio.accountSid,
    TWILIO_API_URL: twilio.apiUrl,
    TWILIO_FROM_NUMBER: NUMBER,
    STRIPE_WEBHOOK_SECRET: stripe.secret,
    LOG_LEVEL: 'silent',
  });
}, 120_000);
afterAll(async () => {
  await server?.stop();
  await twilio?.close();
});

describe(`hk-server serve logged in as ${APP_ROLE}, migrated through DATABASE_MIGRATION_URL`, () => {
  it('serves an organisation end to end: keys, sessions, capture, leads and their jobs', async () => {
    const created = await call(a.secret_key, 'POST', '/v1/leads', {
      contact: { name: 'Ada Seller', email: `ada${randomBytes(4).toString('hex')}@example.com` },
    });
    expect(created.status).toBe(201);
    const leadId = created.body.data.id as string;
    const listed = await call(a.secret_key, 'GET', '/v1/leads');
    expect(listed.body.data.items.map((lead: { id: string }) => lead.id)).toContain(leadId);

    // The job carries its organisation: the worker runs it scoped to A, as the app role.
    const enrich = await call(a.secret_key, 'POST', `/v1/leads/${leadId}/enrich`);
    expect(enrich.status).toBe(202);
    const job = await until(
      () => call(a.secret_key, 'GET', `/v1/jobs/${enrich.body.data.id}`),
      (res) => ['succeeded', 'dead'].includes(res.body.data.state),
      'the enrichment job',
    );
    expect(job.body.data).toMatchObject({ state: 'succeeded', result: { lead_id: leadId } });

    const session = await call(a.secret_key, 'POST', '/v1/sessions', {});
    expect(session.status).toBe(201);
    expect((await call(session.body.data.token, 'GET', `/v1/leads/${leadId}`)).status).toBe(200);

    const captured = await call(
      a.publishable_key,
      'POST',
      '/v1/public/leads',
      { contact: { name: 'Web Visitor', email: 'visitor@example.com' }, elapsed_ms: 5000 },
      { origin: ORIGIN },
    );
    expect(captured.status).toBe(201);

    // B's credentials find nothing of A's.
    expect((await call(b.secret_key, 'GET', `/v1/leads/${leadId}`)).status).toBe(404);
    expect((await call(b.secret_key, 'GET', '/v1/leads')).body.data.items).toEqual([]);
  });

  it('runs the cross-organisation paths as the system role: Twilio, Stripe, the sweep, the CLI', async () => {
    const phone = `+1916${String(2_000_000 + Math.floor(Math.random() * 7_000_000))}`;
    const lead = await call(a.secret_key, 'POST', '/v1/leads', {
      contact: { name: 'Sam Texter', phone },
      consent: { text: 'You may text me.', version: 'v1' },
    });
    expect(lead.status).toBe(201);
    const stop = await twilio.sendInbound(`${server.baseUrl}/v1/inbound/twilio/sms`, {
      MessageSid: `SM${randomBytes(16).toString('hex')}`,
      AccountSid: twilio.accountSid,
      From: phone,
      To: NUMBER,
      Body: 'STOP',
      NumMedia: '0',
    });
    expect(stop.status).toBe(200);
    expect((await call(a.secret_key, 'GET', `/v1/leads/${lead.body.data.id}`)).body.data.tags).toContain(
      'sms_opt_out',
    );

    const checkout = await stripe.send(
      `${server.baseUrl}/v1/inbound/stripe`,
      stripe.checkoutCompleted({
        customer: `cus_${randomBytes(6).toString('hex')}`,
        organizationId: a.organization_id,
      }),
    );
    expect(checkout.status).toBe(200);
    expect(((await checkout.json()) as { data: { handled: boolean } }).data.handled).toBe(true);

    // The worker joined the retention chain at start; the sweep runs as the system role.
    const swept = await until(
      () => cli(['jobs', 'list', '--name', 'privacy.retention']) as Promise<{ state: string }[]>,
      (jobs) => jobs.some((job) => job.state === 'succeeded' || job.state === 'dead'),
      'the retention sweep',
    );
    expect(swept.map((job) => job.state)).toContain('succeeded');

    const key = await cli(['key', 'create', '--org', b.organization_id, '--type', 'secret']);
    expect((await call(key.key, 'GET', '/v1/leads')).status).toBe(200);
  });
});

describe(`a connection logged in as ${APP_ROLE}`, () => {
  let app: DatabaseHandle;
  let owner: DatabaseHandle;
  const rows = <T>(result: unknown) => (result as { rows: T[] }).rows;
  const organisationsIn = async (
    tx: Parameters<Parameters<typeof withOrganization>[2]>[0],
    table: 'leads' | 'organizations',
  ) => {
    const column = table === 'leads' ? sql`organization_id` : sql`id`;
    return new Set(
      rows<{ id: string }>(
        await tx.execute(sql`select distinct ${column}::text as id from ${sql.identifier(table)}`),
      ).map((row) => row.id),
    );
  };

  beforeAll(async () => {
    app = await openDatabase({ databaseUrl: appUrl, maxConnections: 2 });
    owner = await openDatabase({ databaseUrl: ownerUrl, maxConnections: 2 });
    // B has a lead too, so that seeing none of B's rows means something.
    expect((await call(b.secret_key, 'POST', '/v1/leads', { contact: { name: 'Bea' } })).status).toBe(201);
  });
  afterAll(async () => {
    await app?.close();
    await owner?.close();
  });

  it('cannot migrate, only checks that the schema is current', async () => {
    const [role] = rows<{ role: string }>(await app.db.execute(sql`select current_user as role`));
    expect(role!.role).toBe(APP_ROLE);
    await expect(app.migrate()).resolves.toBe(0);
    await expect(app.db.execute(sql`create table walled_out (id int)`)).rejects.toThrow();
  });

  it('refuses to start on a database that lacks a migration, saying how to apply it', async () => {
    const name = `hk_app_role_${process.pid}_${Date.now()}`;
    await owner.db.execute(sql.raw(`create database ${name}`));
    const at = (base: string) => {
      const url = new URL(base);
      url.pathname = `/${name}`;
      return url.toString();
    };
    try {
      const scratch = await openDatabase({ databaseUrl: at(ownerUrl), maxConnections: 1 });
      await scratch.migrate();
      // As if this server were newer than the database: its last migration not applied yet.
      await scratch.db.execute(
        sql`delete from drizzle.__drizzle_migrations where created_at = (select max(created_at) from drizzle.__drizzle_migrations)`,
      );
      await scratch.close();
      const behind = await openDatabase({ databaseUrl: at(appUrl), maxConnections: 1 });
      const refused = await behind.migrate().then(
        () => null,
        (error: Error) => error.message,
      );
      await behind.close();
      expect(refused).toMatch(/lacks 1 migration\(s\).*DATABASE_MIGRATION_URL/);
    } finally {
      await owner.db.execute(sql.raw(`drop database if exists ${name} with (force)`));
    }
  });

  it('sees no tenant row and no organisation without an organisation set', async () => {
    const [seen] = rows<{ leads: number; orgs: number }>(
      await app.db.execute(
        sql`select (select count(*)::int from leads) as leads, (select count(*)::int from organizations) as orgs`,
      ),
    );
    expect(seen).toEqual({ leads: 0, orgs: 0 });
  });

  it('stays walled in after an injected RESET ROLE, which on the owner’s connection leaves the wall', async () => {
    const walled = await withOrganization(app.db, a.organization_id, async (tx) => {
      await tx.execute(sql`reset role`);
      const [who] = rows<{ role: string }>(await tx.execute(sql`select current_user as role`));
      return {
        role: who!.role,
        leads: await organisationsIn(tx, 'leads'),
        orgs: await organisationsIn(tx, 'organizations'),
      };
    });
    expect(walled).toEqual({
      role: APP_ROLE,
      leads: new Set([a.organization_id]),
      orgs: new Set([a.organization_id]),
    });
    // The same injection on a connection that logs in as the owner (a superuser here) is out.
    const escaped = await withOrganization(owner.db, a.organization_id, async (tx) => {
      await tx.execute(sql`reset role`);
      return organisationsIn(tx, 'leads');
    });
    expect(escaped.has(b.organization_id)).toBe(true);
  });

  it('cannot turn row security off, become the owner, or change the tables', async () => {
    const attempt = (statement: string) =>
      withOrganization(app.db, a.organization_id, async (tx) => {
        await tx.execute(sql.raw(statement));
        return tx.execute(sql`select count(*) from leads`);
      }).then(
        () => 'allowed',
        (error: Error & { cause?: Error }) => (error.cause ?? error).message,
      );
    expect(await attempt('set row_security = off')).toMatch(/row-level security/);
    const ownerRole = new URL(ownerUrl).username || 'postgres';
    expect(await attempt(`set role ${ownerRole}`)).toMatch(/permission denied/);
    expect(await attempt('alter table leads disable row level security')).toMatch(/must be owner/);
    expect(await attempt('alter table leads no force row level security')).toMatch(/must be owner/);
  });

  it('reaches every organisation only through the system role (asSystem)', async () => {
    const all = await asSystem(app.db, (tx) => organisationsIn(tx, 'leads'));
    expect(all.has(a.organization_id) && all.has(b.organization_id)).toBe(true);
  });
});
