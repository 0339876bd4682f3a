import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, inject } from 'vitest';
import { type App, createApp } from '../src/app.js';
import type { AppDeps } from '../src/context.js';
import type { DatabaseHandle } from '../src/db/database.js';
import { openDatabase } from '../src/db/open.js';
import { defaultDeps } from '../src/deps.js';
import { type CreatedOrganization, createOrganization } from '../src/services/organizations.js';

// biome-ignore lint/suspicious/noExplicitAny: tests read JSON bodies loosely and validate them with the sdk schemas where it matters
export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface TestOrg extends CreatedOrganization {
  /** Calls the app with this organisation's secret key. */
  // biome-ignore lint/suspicious/noExplicitAny: as for ApiResponse
  call: <T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) => Promise<ApiResponse<T>>;
}

export interface TestServer {
  readonly app: App;
  readonly deps: AppDeps;
  readonly handle: DatabaseHandle;
  /** A fresh organisation with its keys: tests isolate themselves by using their own. */
  newOrg(options?: { defaultRegion?: string; allowedOrigins?: string[] }): Promise<TestOrg>;
  raw(path: string, init?: RequestInit): Promise<ApiResponse>;
}

async function readResponse(response: Response): Promise<ApiResponse> {
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: the raw text is what the test sees
  }
  return { status: response.status, body, headers: response.headers };
}

/** `TestOrg.call` for `app` with `secretKey`: for a test that builds an app of its own. */
export function callAs(app: App, secretKey: string): TestOrg['call'] {
  return async (method, path, body, headers = {}) =>
    readResponse(
      await app.request(path, {
        method,
        headers: {
          authorization: `Bearer ${secretKey}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      }),
    );
}

/**
 * One database per test file (PGlite in memory, or the run's PostgreSQL database), migrated once,
 * and the app built on it with the production dependencies. On PGlite the file's database is a
 * copy of the one the global setup migrated (test/pglite-global-setup.ts), or, run without it,
 * migrated here.
 */
export function useTestServer(): TestServer {
  let handle: DatabaseHandle;
  let deps: AppDeps;
  let app: App;

  beforeAll(async () => {
    const databaseUrl = inject('postgresUrl');
    const snapshot = inject('pgliteSnapshot');
    if (databaseUrl) handle = await openDatabase({ databaseUrl, maxConnections: 8 });
    else if (snapshot) handle = await openDatabase({ loadDataDir: new Blob([readFileSync(snapshot)]) });
    else {
      handle = await openDatabase({});
      await handle.migrate();
    }
    deps = defaultDeps(handle.db);
    app = createApp(deps);
  });
  afterAll(async () => {
    await handle?.close();
  });

  const raw = async (path: string, init?: RequestInit) => readResponse(await app.request(path, init));

  return {
    get app() {
      return app;
    },
    get deps() {
      return deps;
    },
    get handle() {
      return handle;
    },
    raw,
    async newOrg(options = {}) {
      const org = await createOrganization(deps, { name: 'Test Org', ...options });
      return { ...org, call: callAs(app, org.secret_key) };
    },
  };
}
