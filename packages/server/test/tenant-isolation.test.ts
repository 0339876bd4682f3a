import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../src/app.js';
import type { Executor } from '../src/db/database.js';
import {
  inboundSources,
  leads,
  models,
  organizations,
  webhookDeliveries,
  webhookEndpoints,
} from '../src/db/schema.js';
import { APP_ROLE, asSystem, withOrganization, withoutTenantBarrier } from '../src/db/tenant.js';
import { guard } from '../src/middleware/guards.js';
import { type TestOrg, useTestServer } from './harness.js';

/**
 * The database as the second wall (migration 0017, `src/db/tenant.ts`): row-level security on
 * every table with `organization_id`, the app's work running as `hidden_key_app` with the
 * organisation set per transaction. The tables are read from the catalog, so a tenant table added
 * tomorrow without its policies fails here, and the route sweep reads `/openapi.json`, so a route
 * added tomorrow is swept too.
 */
const server = useTestServer();

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

async function tenantTables(db: Executor) {
  return rowsOf<{ name: string; rls: boolean; forced: boolean; policies: string[] }>(
    await db.execute(sql`
      select c.relname as name, c.relrowsecurity as rls, c.relforcerowsecurity as forced,
             coalesce((select array_agg(p.polname::text order by p.polname) from pg_policy p
                        where p.polrelid = c.oid), '{}') as policies
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
        join pg_attribute a on a.attrelid = c.oid and a.attname = 'organization_id' and not a.attisdropped
       where n.nspname = 'public' and c.relkind in ('r', 'p')
       order by c.relname`),
  );
}

/** Each tenant table's rows of one organisation as one hash, to see that nothing changed them. */
async function fingerprint(organizationId: string) {
  return asSystem(server.handle.db, async (tx) => {
    const prints: Record<string, string> = {};
    for (const { name } of await tenantTables(tx)) {
      const [row] = rowsOf<{ print: string | null }>(
        await tx.execute(
          sql`select md5(string_agg(t::text, ',' order by t::text)) as print from ${sql.identifier(name)} t
               where organization_id = ${organizationId}`,
        ),
      );
      prints[name] = row?.print ?? '';
    }
    return prints;
  });
}

interface Fixtures {
  org: TestOrg;
  /** A string in B's data no answer to A may contain. */
  marker: string;
  ids: Record<string, string>;
}

async function ok(res: { status: number; body: { data?: { id?: string } } }, what: string) {
  expect(res.status, what).toBeLessThan(300);
  return res.body.data!.id!;
}

/** An organisation with one of everything, made through the API where it can be. */
async function populate(org: TestOrg, marker: string): Promise<Fixtures> {
  const lead = await ok(
    await org.call('POST', '/v1/leads', {
      contact: { name: `Seller ${marker}`, email: `${marker}@tenant.example` },
      motivation: marker,
    }),
    'lead',
  );
  const opportunity = await ok(
    await org.call('POST', '/v1/opportunities', { lead_id: lead, title: `Deal ${marker}` }),
    'opportunity',
  );
  const activity = await ok(
    await org.call('POST', '/v1/activities', { type: 'note', lead_id: lead, subject: `Note ${marker}` }),
    'activity',
  );
  const investor = await ok(await org.call('POST', '/v1/investors', { name: `Buyer ${marker}` }), 'investor');
  const sequence = await ok(
    await org.call('POST', '/v1/sequences', {
      name: `Sequence ${marker}`,
      steps: [{ channel: 'task', offset_minutes: 60, subject: `Call ${marker}` }],
    }),
    'sequence',
  );
  const enrollment = await ok(
    await org.call('POST', `/v1/sequences/${sequence}/enrollments`, { lead_id: lead }),
    'enrollment',
  );
  const apiKey = await ok(
    await org.call('POST', '/v1/api-keys', { type: 'secret', name: `Key ${marker}` }),
    'api key',
  );
  const job = await ok(await org.call('POST', `/v1/leads/${lead}/enrich`), 'job');
  // Rows the API makes only with outside help (a reachable webhook target, a training run).
  const ids = await asSystem(server.handle.db, async (tx) => {
    const endpoint = randomUUID();
    const delivery = randomUUID();
    const source = randomUUID();
    const model = randomUUID();
    const organizationId = org.organization_id;
    await tx.insert(webhookEndpoints).values({
      id: endpoint,
      organizationId,
      url: `https://${marker}.example/hook`,
      events: ['*'],
      secret: `whsec_${marker}`,
    });
    await tx
      .insert(webhookDeliveries)
      .values({ id: delivery, organizationId, endpointId: endpoint, eventId: 1, eventType: 'lead.created' });
    await tx
      .insert(inboundSources)
      .values({ id: source, organizationId, name: `Source ${marker}`, secret: `whsec_${marker}` });
    await tx.insert(models).values({
      id: model,
      organizationId,
      version: 1,
      format: 'hidden-key.trees.v1',
      model: { marker },
      run: { marker },
    });
    return { endpoint, delivery, source, model };
  });
  return {
    org,
    marker,
    ids: { lead, opportunity, activity, investor, sequence, enrollment, apiKey, job, ...ids },
  };
}

let a: Fixtures;
let b: Fixtures;

beforeAll(async () => {
  const unique = `${process.pid}${Date.now()}`;
  a = await populate(await server.newOrg(), `alpha${unique}`);
  b = await populate(await server.newOrg(), `bravo${unique}`);
});

describe('row-level security', () => {
  it('is enabled and forced, with the tenant policy, on every table that has organization_id', async () => {
    const tables = await tenantTables(server.handle.db);
    expect(tables.length).toBeGreaterThan(15);
    const unwalled = tables
      .filter((t) => !t.rls || !t.forced || !t.policies.includes('tenant_isolation'))
      .map((t) => t.name);
    expect(unwalled).toEqual([]);
  });

  it('walls the organisations table too: a tenant sees its own row, the system role every row', async () => {
    const [table] = rowsOf<{ rls: boolean; forced: boolean; policies: string[] }>(
      await server.handle.db.execute(sql`
        select c.relrowsecurity as rls, c.relforcerowsecurity as forced,
               (select array_agg(p.polname::text order by p.polname) from pg_policy p where p.polrelid = c.oid) as policies
          from pg_class c where c.oid = 'public.organizations'::regclass`),
    );
    expect(table).toEqual({ rls: true, forced: true, policies: ['system_access', 'tenant_isolation'] });
    const seen = await withOrganization(server.handle.db, a.org.organization_id, (tx) =>
      tx.select({ id: organizations.id }).from(organizations),
    );
    expect(seen.map((row) => row.id)).toEqual([a.org.organization_id]);
    const renamed = await withOrganization(server.handle.db, a.org.organization_id, (tx) =>
      tx
        .update(organizations)
        .set({ name: 'taken over' })
        .where(eq(organizations.id, b.org.organization_id))
        .returning(),
    );
    expect(renamed).toEqual([]);
    const all = await asSystem(server.handle.db, (tx) =>
      tx.select({ id: organizations.id }).from(organizations),
    );
    expect(all.map((row) => row.id)).toEqual(
      expect.arrayContaining([a.org.organization_id, b.org.organization_id]),
    );
  });

  it('runs the app as a role that owns nothing, is no superuser and cannot bypass row security', async () => {
    const [role] = rowsOf<{ super: boolean; bypass: boolean; owned: number }>(
      await server.handle.db.execute(sql`
        select r.rolsuper as super, r.rolbypassrls as bypass,
               (select count(*)::int from pg_class c where c.relowner = r.oid) as owned
          from pg_roles r where r.rolname = ${APP_ROLE}`),
    );
    expect(role).toEqual({ super: false, bypass: false, owned: 0 });
  });

  it('shows the app role no row of any tenant table when no organisation is set', async () => {
    const tables = await tenantTables(server.handle.db);
    const seen: Record<string, number> = {};
    const held: Record<string, number> = {};
    await server.handle.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('role', ${APP_ROLE}, true)`);
      for (const { name } of tables) {
        const [row] = rowsOf<{ n: number }>(
          await tx.execute(sql`select count(*)::int as n from ${sql.identifier(name)}`),
        );
        if (row!.n > 0) seen[name] = row!.n;
      }
    });
    await asSystem(server.handle.db, async (tx) => {
      for (const { name } of tables) {
        const [row] = rowsOf<{ n: number }>(
          await tx.execute(sql`select count(*)::int as n from ${sql.identifier(name)}`),
        );
        if (row!.n > 0) held[name] = row!.n;
      }
    });
    expect(seen).toEqual({});
    // The same tables do hold rows: the zero above is the policy, not an empty database.
    expect(Object.keys(held)).toEqual(
      expect.arrayContaining([
        'leads',
        'opportunities',
        'activities',
        'investors',
        'events',
        'api_keys',
        'jobs',
      ]),
    );
  });

  it('keeps a query that forgets its organization_id filter to its own organisation', async () => {
    const seen = await withOrganization(server.handle.db, a.org.organization_id, (tx) =>
      tx.select({ id: leads.id, organizationId: leads.organizationId }).from(leads),
    );
    expect(seen.map((row) => row.id)).toContain(a.ids.lead);
    expect(seen.map((row) => row.id)).not.toContain(b.ids.lead);
    expect(new Set(seen.map((row) => row.organizationId))).toEqual(new Set([a.org.organization_id]));

    // Writes are walled as well: another organisation's row is neither changed nor created.
    const changed = await withOrganization(server.handle.db, a.org.organization_id, (tx) =>
      tx.update(leads).set({ motivation: 'overwritten' }).where(eq(leads.id, b.ids.lead!)).returning(),
    );
    expect(changed).toEqual([]);
    const refused = await withOrganization(server.handle.db, a.org.organization_id, (tx) =>
      tx.insert(leads).values({ id: randomUUID(), organizationId: b.org.organization_id, source: 'api' }),
    ).catch((error: Error) => error);
    expect(String((refused as Error).cause ?? refused)).toMatch(/row-level security/);
  });

  it('returns to the tenant wall after a search read past it, and the search stays in its organisation', async () => {
    const after = await withOrganization(server.handle.db, a.org.organization_id, async (tx) => {
      const during = await withoutTenantBarrier(
        tx,
        async () =>
          (await tx.execute(sql`select current_user::text as role`)) as unknown as {
            rows: { role: string }[];
          },
      );
      const role = (await tx.execute(sql`select current_user::text as role`)) as unknown as {
        rows: { role: string }[];
      };
      const unfiltered = await tx.select({ organizationId: leads.organizationId }).from(leads);
      return { during: during.rows[0]!.role, role: role.rows[0]!.role, unfiltered };
    });
    expect(after.during).toBe('hidden_key_system');
    expect(after.role).toBe(APP_ROLE);
    expect(new Set(after.unfiltered.map((row) => row.organizationId))).toEqual(
      new Set([a.org.organization_id]),
    );

    // Both organisations have a lead named "Seller …": a prefix finds the caller's only.
    const found = await a.org.call('GET', '/v1/leads?q=Sell');
    expect(found.status).toBe(200);
    const ids = found.body.data.items.map((lead: { id: string }) => lead.id);
    expect(ids).toContain(a.ids.lead);
    expect(ids).not.toContain(b.ids.lead);
    // …and investors named "Buyer …" likewise.
    const buyers = await a.org.call('GET', '/v1/investors?q=Buy');
    expect(buyers.status).toBe(200);
    const investorIds = buyers.body.data.items.map((investor: { id: string }) => investor.id);
    expect(investorIds).toContain(a.ids.investor);
    expect(investorIds).not.toContain(b.ids.investor);
  });

  it('keeps a handler that forgets its filter to the caller’s organisation, inside the request', async () => {
    const app: App = createApp(server.deps);
    // A handler written wrong on purpose: no organization_id filter at all.
    const [authenticated, ...rest] = guard.api();
    app.get('/v1/unfiltered-leads', authenticated!, ...rest, async (c) =>
      c.json(await c.var.deps.db.select({ organizationId: leads.organizationId }).from(leads)),
    );
    const res = await app.request('/v1/unfiltered-leads', {
      headers: { authorization: `Bearer ${a.org.secret_key}` },
    });
    expect(res.status).toBe(200);
    const rows = (await res.json()) as { organizationId: string }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((row) => row.organizationId))).toEqual(new Set([a.org.organization_id]));
  });
});

interface Operation {
  method: string;
  path: string;
  bodyFields: string[];
}

/** B's id for each path parameter, by the resource the path names. */
const idFor = (path: string, param: string) => fixtureId(b, path, param);
/** A's own id for each path parameter. */
const ownIdFor = (path: string, param: string) => fixtureId(a, path, param);

/** Values that get a body past validation, so the sweep reaches the handlers' lookups. */
const BODY_DEFAULTS: Record<string, unknown> = {
  type: 'note',
  kind: 'follow_up_email',
  subject: 'Swept',
  stage: 'qualified',
};

function fixtureId({ ids }: Fixtures, path: string, param: string): string {
  if (param === 'delivery_id') return ids.delivery!;
  if (param === 'source_id') return ids.source!;
  const resource = path.split('/')[2];
  const byResource: Record<string, string | undefined> = {
    leads: ids.lead,
    opportunities: ids.opportunity,
    activities: ids.activity,
    investors: ids.investor,
    sequences: ids.sequence,
    'sequence-enrollments': ids.enrollment,
    'api-keys': ids.apiKey,
    jobs: ids.job,
    models: ids.model,
    'webhook-endpoints': ids.endpoint,
    'inbound-sources': ids.source,
  };
  const id = byResource[resource ?? ''];
  if (!id) throw new Error(`No fixture of organisation B for ${param} in ${path}: add one to populate()`);
  return id;
}

/** B's id for each `*_id` a request body may carry. */
const bodyIds = (): Record<string, string> => ({
  lead_id: b.ids.lead!,
  opportunity_id: b.ids.opportunity!,
  sequence_id: b.ids.sequence!,
  investor_id: b.ids.investor!,
  endpoint_id: b.ids.endpoint!,
});

describe('organisation A’s credentials on organisation B’s ids, on every route in /openapi.json', () => {
  it('answer nothing of B and change nothing of B (leaks: 0)', async () => {
    const doc = (await server.raw('/openapi.json')).body as {
      paths: Record<
        string,
        Record<string, { requestBody?: { content?: Record<string, { schema?: unknown }> } }>
      >;
      components?: { schemas?: Record<string, { properties?: Record<string, unknown> }> };
    };
    const fieldsOf = (schema: unknown): string[] => {
      const ref = (schema as { $ref?: string } | undefined)?.$ref;
      const resolved = ref ? doc.components?.schemas?.[ref.split('/').pop()!] : schema;
      return Object.keys(
        (resolved as { properties?: Record<string, unknown> } | undefined)?.properties ?? {},
      );
    };
    const operations: Operation[] = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        method: method.toUpperCase(),
        path,
        bodyFields: fieldsOf(operation.requestBody?.content?.['application/json']?.schema),
      })),
    );
    expect(operations.length).toBeGreaterThan(50);

    const before = await fingerprint(b.org.organization_id);
    const bIds = new Set(Object.values(b.ids));
    const leaks: string[] = [];
    let calls = 0;
    /**
     * One call: `ids` fills the path (B's, or A's own to try B's ids in the body only); the body
     * carries B's id in every `*_id` field the operation takes, beside values that pass validation.
     */
    const sweep = async (operation: Operation, ids: (path: string, param: string) => string) => {
      const hasIds = operation.path.includes('{');
      const path = operation.path.replace(/\{([^}]+)\}/g, (_, param: string) => ids(operation.path, param));
      const fields: Record<string, unknown> = { ...BODY_DEFAULTS, ...bodyIds() };
      const body = operation.bodyFields.length
        ? Object.fromEntries(operation.bodyFields.filter((f) => f in fields).map((f) => [f, fields[f]]))
        : undefined;
      const res = await server.app.request(path, {
        method: operation.method,
        headers: {
          authorization: `Bearer ${operation.path.startsWith('/v1/public/') ? a.org.publishable_key : a.org.secret_key}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });
      calls++;
      const label = `${operation.method} ${path} ${body ? JSON.stringify(body) : ''} → ${res.status}`;
      if (process.env.SWEEP_DEBUG) console.log(label);
      // A stream of A's events stays open: its first bytes are enough to look for B in.
      const text = res.headers.get('content-type')?.startsWith('text/event-stream')
        ? await firstChunk(res)
        : await res.text();
      if (text.includes(b.marker)) leaks.push(`${label}: B's data in the answer`);
      else if (res.status < 300 && [...bIds].some((id) => text.includes(id)))
        leaks.push(`${label}: B's id in a successful answer`);
      else if (ids === idFor && hasIds && res.status < 300) leaks.push(`${label}: succeeded on B's id`);
    };
    for (const operation of operations) await sweep(operation, idFor);
    // A's own resources, pointed at B's through the body (an opportunity moved onto B's lead, say).
    const referencing = operations.filter(
      (operation) => operation.path.includes('{') && operation.bodyFields.some((f) => f in bodyIds()),
    );
    expect(referencing.length).toBeGreaterThan(0);
    for (const operation of referencing) await sweep(operation, ownIdFor);
    const after = await fingerprint(b.org.organization_id);
    const changed = Object.keys(before).filter((table) => before[table] !== after[table]);
    for (const table of changed) leaks.push(`B's ${table} changed`);

    expect(calls).toBe(operations.length + referencing.length);
    expect(leaks).toEqual([]);
  });
});

async function firstChunk(res: Response): Promise<string> {
  const reader = res.body!.getReader();
  const timeout = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 200));
  const chunk = await Promise.race([reader.read().then((r) => r.value), timeout]);
  await reader.cancel();
  return chunk ? new TextDecoder().decode(chunk) : '';
}
