import { openDatabase } from '@hidden-key/server';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

/** Creates a fresh, migrated PostgreSQL database for this run and drops it afterwards. */
export default async function setup(project: TestProject) {
  const adminUrl = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `hk_sdk_test_${process.pid}_${Date.now()}`;
  const admin = async (sql: string) => {
    const handle = await openDatabase({ databaseUrl: adminUrl, maxConnections: 1 });
    try {
      if (handle.client.kind === 'postgres') await handle.client.pool.query(sql);
    } finally {
      await handle.close();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString() });
  await handle.migrate();
  await handle.close();
  project.provide('postgresUrl', url.toString());
  return () => admin(`drop database if exists ${name} with (force)`);
}
