import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../db/open.js';
import { models } from '../db/schema.js';
import { defaultDeps } from '../deps.js';
import { createOrganization } from '../services/organizations.js';
import { generateLeadHistory, insertLeadHistory } from '../services/scoring/lead-history.js';
import type { CliIo } from './io.js';
import { runCli } from './program.js';

/** PGlite in a temporary data folder, or this run's PostgreSQL database through DATABASE_URL. */
const postgresUrl = inject('postgresUrl');
const dataDir = mkdtempSync(join(tmpdir(), 'hk-cli-'));
const env = postgresUrl ? { DATABASE_URL: postgresUrl } : {};
const open = () => openDatabase(postgresUrl ? { databaseUrl: postgresUrl } : { dataDir });

/** A fresh PGlite folder is initialised once (the slow part); each command then reopens it. */
const DATABASE_TIMEOUT_MS = 180_000;
let trainable: string;
let tooSmall: string;

beforeAll(async () => {
  const handle = await open();
  try {
    await handle.migrate();
    const deps = defaultDeps(handle.db);
    const withHistory = async (count: number) => {
      const org = await createOrganization(deps, { name: 'CLI Org' });
      const history = generateLeadHistory({ count, seed: 21, now: new Date() });
      await insertLeadHistory(handle.db, org.organization_id, history, deps.newId);
      return org.organization_id;
    };
    trainable = await withHistory(60);
    tooSmall = await withHistory(8);
  } finally {
    await handle.close();
  }
}, DATABASE_TIMEOUT_MS);

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function run(...args: string[]) {
  let out = '';
  let err = '';
  const io: CliIo = { env, out: (text) => (out += text), err: (text) => (err += text) };
  const code = await runCli([...args, ...(postgresUrl ? [] : ['--data-dir', dataDir])], io);
  return { code, out, err };
}

describe('hk-server model train', () => {
  it(
    'trains on the organisation’s history, stores the model and prints the run record',
    async () => {
      const organizationId = trainable;
      const { code, out, err } = await run('model', 'train', '--org', organizationId);
      expect(err).toBe('');
      expect(code).toBe(0);
      const printed = JSON.parse(out);
      expect(printed).toMatchObject({ organization_id: organizationId, version: 1 });
      expect(printed.run.data.rows).toBe(60);
      expect(printed.run.data.hash).toMatch(/^sha256:/);
      expect(printed.run.metrics.training.auc).toBeGreaterThan(0.5);

      const handle = await open();
      try {
        const stored = await handle.db.select().from(models).where(eq(models.organizationId, organizationId));
        expect(stored).toHaveLength(1);
        expect(stored[0]).toMatchObject({ id: printed.model_id, version: 1 });
        expect(stored[0]!.run).toMatchObject({ model: { hash: printed.run.model.hash } });
      } finally {
        await handle.close();
      }
    },
    DATABASE_TIMEOUT_MS,
  );

  it(
    'explains what is missing when the history is too small, and exits non-zero',
    async () => {
      const { code, out, err } = await run('model', 'train', '--org', tooSmall, '--min-per-class', '5');
      expect(code).toBe(1);
      expect(out).toBe('');
      expect(err).toMatch(/training needs at least 5 of each/);
      expect(err).not.toMatch(/\n\s+at /);
    },
    DATABASE_TIMEOUT_MS,
  );

  it('refuses a malformed or missing organisation id before touching the database', async () => {
    const malformed = await run('model', 'train', '--org', 'acme');
    expect(malformed.code).not.toBe(0);
    expect(malformed.err).toContain('Expected an organisation id (a UUID).');
    const missing = await run('model', 'train');
    expect(missing.code).not.toBe(0);
    expect(missing.err).toContain("required option '--org <id>' not specified");
  });
});
