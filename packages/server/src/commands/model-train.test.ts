import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { openDatabase } from '../db/open.js';
import { models } from '../db/schema.js';
import { defaultDeps } from '../deps.js';
import { createOrganization } from '../services/organizations.js';
import { generateLeadHistory, insertLeadHistory } from '../services/scoring/lead-history.js';
import { TrainingDataError } from '../services/scoring/train-organization-model.js';
import { modelTrainCommand } from './model-train.js';

/** PGlite in a temporary data folder, or this run's PostgreSQL database through DATABASE_URL. */
const postgresUrl = inject('postgresUrl');
const dataDir = mkdtempSync(join(tmpdir(), 'hk-model-train-'));
const open = () => openDatabase(postgresUrl ? { databaseUrl: postgresUrl } : { dataDir });
/** A fresh PGlite folder is initialised once (the slow part); each command then reopens it. */
const DATABASE_TIMEOUT_MS = 180_000;
const savedDatabaseUrl = process.env.DATABASE_URL;

let trainable: string;
let tooSmall: string;

beforeAll(async () => {
  if (postgresUrl) process.env.DATABASE_URL = postgresUrl;
  else delete process.env.DATABASE_URL;
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

afterAll(() => {
  if (savedDatabaseUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = savedDatabaseUrl;
  rmSync(dataDir, { recursive: true, force: true });
});

describe('hk-server model train', () => {
  it(
    'trains on the organisation’s history, stores the model and prints the run record',
    async () => {
      let output = '';
      let told = '';
      const printed = vi.spyOn(console, 'log').mockImplementation((text: string) => {
        output += text;
      });
      const said = vi.spyOn(console, 'error').mockImplementation((text: string) => {
        told += text;
      });
      try {
        await modelTrainCommand({ org: trainable, dataDir });
      } finally {
        printed.mockRestore();
        said.mockRestore();
      }
      const record = JSON.parse(output);
      expect(record).toMatchObject({ organization_id: trainable, version: 1 });
      // The person at the terminal is told what was chosen and where it went.
      expect(told).toContain(`chose ${record.run.selection.chosen} by `);
      expect(told).toMatch(/best of each kind: gbdt-\d /);
      expect(told).toContain(`stored as model v1 (${record.model_id})`);
      expect(record.run.data.rows).toBe(60);
      expect(record.run.data.hash).toMatch(/^sha256:/);
      expect(record.run.metrics.training.auc).toBeGreaterThan(0.5);

      const handle = await open();
      try {
        const stored = await handle.db.select().from(models).where(eq(models.organizationId, trainable));
        expect(stored).toHaveLength(1);
        expect(stored[0]).toMatchObject({ id: record.model_id, version: 1 });
        expect(stored[0]!.run).toMatchObject({ model: { hash: record.run.model.hash } });
      } finally {
        await handle.close();
      }
    },
    DATABASE_TIMEOUT_MS,
  );

  it(
    'explains what is missing when the history is too small',
    async () => {
      const training = modelTrainCommand({ org: tooSmall, dataDir, minPerClass: 5 });
      await expect(training).rejects.toThrow(TrainingDataError);
      await expect(training).rejects.toThrow(/training needs at least 5 of each/);
    },
    DATABASE_TIMEOUT_MS,
  );

  it('refuses a malformed organisation id with a clear message and a non-zero exit', async () => {
    const cli = fileURLToPath(new URL('../cli.ts', import.meta.url));
    const run = promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--conditions=@hidden-key/source', cli, 'model', 'train', '--org', 'acme'],
      { cwd: fileURLToPath(new URL('../..', import.meta.url)) },
    );
    await expect(run).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('Expected an organisation id (a UUID).'),
    });
  }, 60_000);
});
