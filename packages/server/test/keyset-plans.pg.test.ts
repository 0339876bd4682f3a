/**
 * Every list walks its index: each list route (every sort, first page and a cursor page) runs
 * through the real app, the SELECT it sent is captured and EXPLAINed on PostgreSQL with
 * sequential scans and sorts priced out, and a plan that still scans the table or sorts it fails. An ORDER BY
 * whose direction or null placement stops matching its index (`desc` is `DESC NULLS FIRST`, while
 * drizzle's `.desc()` indexes are `DESC NULLS LAST`) shows up here as a Sort.
 */
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type App, createApp } from '../src/app.js';
import type { Database } from '../src/db/database.js';
import * as schema from '../src/db/schema.js';
import { defaultDeps } from '../src/deps.js';
import { type CreatedOrganization, createOrganization } from '../src/services/organizations.js';
import { readEvents } from '../src/services/realtime/event-cursor.js';

interface Captured {
  sql: string;
  params: unknown[];
}

let pool: pg.Pool;
let db: Database;
let app: App;
let org: CreatedOrganization;
let captured: Captured[] = [];

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: inject('postgresUrl'), max: 4 });
  db = drizzle({
    client: pool,
    schema,
    logger: { logQuery: (sql, params) => captured.push({ sql, params }) },
  }) as unknown as Database;
  const base = defaultDeps(db);
  // The endpoints point at a receiver that is never called: only their list is read.
  const deps = { ...base, webhooks: { ...base.webhooks, allowedHosts: new Set(['127.0.0.1']) } };
  app = createApp(deps);
  org = await createOrganization(deps, { name: 'Plans' });
});
afterAll(() => pool?.end());

// biome-ignore lint/suspicious/noExplicitAny: the test reads JSON bodies loosely
async function call(method: string, path: string, body?: unknown): Promise<any> {
  const response = await app.request(path, {
    method,
    headers: {
      authorization: `Bearer ${org.secret_key}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json();
  expect(response.status, JSON.stringify(json)).toBeLessThan(300);
  return json.data;
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

/** The plan of a captured query with scans and sorts priced out, as a list of its node types. */
async function planOf(query: Captured): Promise<string[]> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    // Priced out, not forbidden: on tables this small the planner would otherwise pick either,
    // while an order no index provides still needs its Sort (or a Seq Scan) and fails below.
    await client.query('set local enable_seqscan = off');
    await client.query('set local enable_sort = off');
    const { rows } = await client.query(`explain (format json) ${query.sql}`, query.params);
    await client.query('rollback');
    const plan = (rows[0]['QUERY PLAN'] as { Plan: PlanNode }[])[0]!.Plan;
    return nodesOf(plan).map((node) =>
      node['Relation Name'] ? `${node['Node Type']} on ${node['Relation Name']}` : node['Node Type'],
    );
  } finally {
    client.release();
  }
}

/** The list query `request` sent on `table` (the one with ORDER BY and LIMIT). */
async function listQueryOf(table: string, request: () => Promise<unknown>): Promise<Captured> {
  captured = [];
  await request();
  const lists = captured.filter(
    (query) =>
      query.sql.startsWith('select') && query.sql.includes(`from "${table}"`) && /order by/.test(query.sql),
  );
  expect(lists, `no list query on ${table}`).toHaveLength(1);
  return lists[0]!;
}

async function expectIndexWalk(table: string, request: () => Promise<unknown>) {
  const query = await listQueryOf(table, request);
  const plan = await planOf(query);
  expect(plan.join(' → ')).not.toMatch(/Sort|Seq Scan/);
  expect(plan.some((node) => /Index( Only)? Scan/.test(node))).toBe(true);
}

/** First page and the page after its cursor, for a list path. */
async function bothPages(table: string, path: string) {
  const separator = path.includes('?') ? '&' : '?';
  let cursor: string | null = null;
  await expectIndexWalk(table, async () => {
    cursor = (await call('GET', `${path}${separator}limit=1`)).next_cursor;
  });
  expect(cursor, `${path} has a second page`).toBeTruthy();
  await expectIndexWalk(table, () =>
    call('GET', `${path}${separator}limit=1&cursor=${encodeURIComponent(cursor!)}`),
  );
}

describe('keyset lists walk their indexes (EXPLAIN on PostgreSQL)', () => {
  beforeAll(async () => {
    for (let i = 0; i < 3; i++) {
      const lead = await call('POST', '/v1/leads', {
        source: 'plans',
        // Qualified: a deal made from a new or contacted lead would qualify it anyway.
        status: 'qualified',
        priority: 'high',
        contact: { name: `Plan ${i}`, email: `plan.${i}@example.com` },
      });
      await call('POST', '/v1/opportunities', {
        lead_id: lead.id,
        stage: 'qualified',
        deal_type: 'wholesale',
      });
      await call('POST', '/v1/activities', { type: 'note', subject: `Note ${i}`, lead_id: lead.id });
      await call('POST', '/v1/investors', { name: `Buyer ${i}` });
      await call('POST', '/v1/webhook-endpoints', { url: `http://127.0.0.1:9/${i}`, events: ['*'] });
      await call('POST', '/v1/api-keys', { type: 'secret', name: `key ${i}` });
    }
  });

  for (const sort of ['-created_at', 'created_at', '-updated_at', '-priority', '-score']) {
    it(`GET /v1/leads?sort=${sort}`, () => bothPages('leads', `/v1/leads?sort=${sort}`));
  }
  it('GET /v1/leads?status=…', () => bothPages('leads', '/v1/leads?status=qualified'));
  it('GET /v1/leads?source=…', () => bothPages('leads', '/v1/leads?source=plans'));

  it('GET /v1/opportunities', () => bothPages('opportunities', '/v1/opportunities'));
  it('GET /v1/opportunities?sort=position', () =>
    bothPages('opportunities', '/v1/opportunities?sort=position'));
  it('GET /v1/opportunities?stage=…&sort=position', () =>
    bothPages('opportunities', '/v1/opportunities?stage=qualified&sort=position'));
  it('GET /v1/activities', () => bothPages('activities', '/v1/activities'));
  it('GET /v1/investors', () => bothPages('investors', '/v1/investors'));
  it('GET /v1/api-keys', () => bothPages('api_keys', '/v1/api-keys'));
  it('GET /v1/webhook-endpoints', () => bothPages('webhook_endpoints', '/v1/webhook-endpoints'));

  it('the event stream reads its events in index order', async () => {
    await expectIndexWalk('events', () =>
      readEvents(db, org.organization_id, { txId: '0', id: 0 }, { limit: 100 }),
    );
  });

  it('GET /v1/pipeline sums the stages from the board index alone (index-only scan)', async () => {
    // Vacuum marks the pages all-visible, as autovacuum keeps a table that is mostly read.
    await pool.query('vacuum (analyze) opportunities');
    captured = [];
    await call('GET', '/v1/pipeline');
    const sums = captured.filter(
      (query) => query.sql.includes('from "opportunities"') && /group by/.test(query.sql),
    );
    expect(sums).toHaveLength(1);
    expect((await planOf(sums[0]!)).join(' → ')).toMatch(/Index Only Scan on opportunities/);
  });

  it('a list whose order disagrees with its index is caught', async () => {
    const query = {
      sql: `select id from leads where organization_id = $1 order by created_at desc, id desc limit 10`,
      params: [org.organization_id],
    };
    expect((await planOf(query)).join(' → ')).toMatch(/Sort/);
  });
});
