import type { AddressInfo } from 'node:net';
import {
  type App,
  createApp,
  createOrganization,
  type Database,
  type DatabaseHandle,
  defaultDeps,
  openDatabase,
} from '@hidden-key/server';
import { createAdaptorServer } from '@hono/node-server';
import { afterAll, beforeAll, inject } from 'vitest';
import { type ClientOptions, HiddenKey } from '../../../src/client/index.js';

/**
 * How the client reaches the real app: `in-process` wires `fetch` to `app.request` on an
 * in-memory PGlite database; `socket` serves the app over HTTP on a free port, on the run's fresh
 * PostgreSQL database.
 */
export type Transport = 'in-process' | 'socket';

export interface RealServer {
  readonly app: App;
  readonly baseUrl: string;
  /** The app's database, e.g. for a job worker beside it (the app alone runs no jobs). */
  readonly db: Database;
  /** A new organisation, so each test starts from an empty one; answers its secret key. */
  newOrg(): Promise<{ organizationId: string; secretKey: string; publishableKey: string }>;
  /** A client for a key, reaching the app through this transport. */
  client(apiKey: string, options?: Partial<ClientOptions>): HiddenKey;
  /**
   * Inserts `count` leads straight into the database, three to each `created_at` so that pages
   * must break ties by id: a fast way to a long list, when the list and not the writes is tested.
   */
  seedLeads(organizationId: string, count: number): Promise<void>;
  /** Runs SQL straight on the database, to set up what the API cannot (e.g. a write still running). */
  sql<Row>(text: string, params: unknown[]): Promise<Row[]>;
  /** Rows of a table that belong to an organisation, read straight from the database. */
  countRows(
    table: 'leads' | 'opportunities' | 'activities' | 'investors',
    organizationId: string,
  ): Promise<number>;
}

export function useRealServer(transport: Transport): RealServer {
  let handle: DatabaseHandle;
  let app: App;
  let deps: ReturnType<typeof defaultDeps>;
  let server: ReturnType<typeof createAdaptorServer> | undefined;
  let baseUrl = 'http://hidden-key.test';

  beforeAll(async () => {
    handle =
      transport === 'socket'
        ? await openDatabase({ databaseUrl: inject('postgresUrl'), maxConnections: 8 })
        : await openDatabase();
    if (transport === 'in-process') await handle.migrate();
    deps = defaultDeps(handle.db);
    app = createApp(deps);
    if (transport === 'socket') {
      server = createAdaptorServer({ fetch: app.fetch });
      await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    }
  });
  afterAll(async () => {
    if (server && 'closeAllConnections' in server) server.closeAllConnections();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await handle?.close();
  });

  const query = async <Row>(sql: string, params: unknown[]): Promise<Row[]> => {
    const { client } = handle;
    const result =
      client.kind === 'postgres'
        ? await client.pool.query(sql, params)
        : await client.pglite.query<Row>(sql, params);
    return result.rows as Row[];
  };

  return {
    get app() {
      return app;
    },
    get baseUrl() {
      return baseUrl;
    },
    get db() {
      return handle.db;
    },
    async newOrg() {
      const org = await createOrganization(deps, { name: 'SDK test organisation' });
      return {
        organizationId: org.organization_id,
        secretKey: org.secret_key,
        publishableKey: org.publishable_key,
      };
    },
    client(apiKey, options = {}) {
      const fetch =
        transport === 'in-process' ? (request: Request) => Promise.resolve(app.request(request)) : undefined;
      return new HiddenKey({ apiKey, baseUrl, fetch, ...options });
    },
    async seedLeads(organizationId, count) {
      await query(
        `insert into leads (id, organization_id, source, contact_name, contact_email, created_at, updated_at)
         select gen_random_uuid(), $1, 'seed', 'Seeded ' || n, 'seed' || n || '@example.com',
                timestamp '2026-01-01' + (n / 3) * interval '1 second', now()
         from generate_series(1, $2::int) as n`,
        [organizationId, count],
      );
    },
    sql: (text, params) => query(text, params),
    async countRows(table, organizationId) {
      const sql = `select count(*)::int as count from ${table} where organization_id = $1`;
      return (await query<{ count: number }>(sql, [organizationId]))[0]!.count;
    },
  };
}
