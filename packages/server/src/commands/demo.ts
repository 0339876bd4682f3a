import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { createApp } from '../app.js';
import type { DatabaseHandle } from '../db/database.js';
import { organizations } from '../db/schema.js';
import { scopedDatabase } from '../db/scoped-database.js';
import { findAssetPaths } from '../demo/asset-paths.js';
import { rotateDemoPublishableKey } from '../demo/demo-key.js';
import { PARTNER_SITE_PATH, registerPartnerSite } from '../demo/partner-site.js';
import { registerDemoSession } from '../demo/portal-session.js';
import { defaultDeps } from '../deps.js';
import { startServer } from '../server.js';
import { type CreatedOrganization, createOrganization } from '../services/organizations.js';
import { seedDemoModel } from '../services/scoring/demo-model.js';
import type { TrainedOrganizationModel } from '../services/scoring/train-organization-model.js';
import { seedDemoData } from '../services/seed.js';
import { captureRuntimeFromEnv } from './capture-env.js';
import { closeOnSignal, type DatabaseOptions, openMigrated, resolvePort } from './options.js';
import { DEFAULT_PORT, type ServeOptions } from './serve.js';
import { serverSettingsFromEnv } from './server-env.js';
import { startJobWorker } from './worker.js';

const DEMO_NAME = 'Hidden Key Demo';

async function findDemoOrganization(handle: DatabaseHandle) {
  // Which organisation is the demo's is a question across organisations: the system role's.
  const [row] = await scopedDatabase(handle.db, null)
    .select({ id: organizations.id })
    .from(organizations)
    .where(sql`${organizations.settings}->>'demo' = 'true'`)
    .limit(1);
  return row?.id ?? null;
}

/** The demo organisation, its closed-lead history and first scoring model, then its live data. */
async function createDemoOrganization(
  handle: DatabaseHandle,
  port: number,
): Promise<CreatedOrganization & { model: TrainedOrganizationModel | null }> {
  const deps = defaultDeps(handle.db);
  const created = await createOrganization(deps, {
    name: DEMO_NAME,
    // Steve's chain on: every lead the demo captures is enriched, scored, given a follow-up draft
    // and a task, by the worker below, so the portal shows what the agents do without a key.
    settings: { demo: true, automation: { enabled: true } },
    allowedOrigins: [`http://localhost:${port}`, `http://127.0.0.1:${port}`],
  });
  const model = await seedDemoModel(
    { ...deps, db: scopedDatabase(handle.db, created.organization_id) },
    created.organization_id,
  );
  await seedDemoData(createApp(deps), created.secret_key);
  return { ...created, model };
}

/**
 * `pnpm start`: migrate, seed a demo organisation on the first run (printing its keys once),
 * then serve the API, the examples and the embed bundles. Later runs reuse the data folder.
 */
export async function demoCommand(options: ServeOptions & DatabaseOptions) {
  const port = resolvePort(options.port, DEFAULT_PORT);
  // Settings first: a wrong one stops the start before the data folder is touched.
  const { logger, metricsToken, ...serverSettings } = serverSettingsFromEnv();
  const runtime = captureRuntimeFromEnv();
  const handle = await openMigrated(options).catch((error) => {
    runtime.close();
    throw error;
  });
  let worker: ReturnType<typeof startJobWorker> | undefined;
  try {
    const existing = await findDemoOrganization(handle);
    const paths = findAssetPaths();
    if (!paths.examplesDir) throw new Error('The demo pages are missing: reinstall @hidden-key/server');
    const examplesDir = paths.examplesDir;
    let publishableKey = 'pk_demo';
    let portalSession = { organizationId: '', keyId: '' };
    const server = await startServer({
      handle,
      port,
      hostname: options.host,
      deps: { ...runtime.deps, logger, metricsToken },
      ...serverSettings,
      embeds: paths.embeds,
      routes: (app) => {
        registerPartnerSite(app, {
          siteDir: join(examplesDir, 'partner-site'),
          settings: () => ({ publishableKey }),
        });
        registerDemoSession(app, { session: () => portalSession });
      },
      staticMounts: [{ prefix: '/examples', root: examplesDir }],
    });
    // Jobs run in this process, as `serve` runs them: enrichment, Steve's chain, webhooks, sequences.
    worker = startJobWorker(handle.db, { logger });
    const created = existing ? null : await createDemoOrganization(handle, server.port);
    const origins = [`http://localhost:${server.port}`, `http://127.0.0.1:${server.port}`];
    const organizationId = existing ?? created!.organization_id;
    const demoKey = await rotateDemoPublishableKey(
      defaultDeps(scopedDatabase(handle.db, organizationId)),
      organizationId,
      origins,
    );
    publishableKey = demoKey.key;
    portalSession = { organizationId, keyId: demoKey.id };
    console.log(`\nHidden Key demo (database: ${handle.location})`);
    if (created) {
      console.log('\nA demo organisation was created with sample leads, deals, activities and investors.');
      console.log('Its keys are shown this once (keys are stored hashed):');
      console.log(`  organization_id  ${created.organization_id}`);
      console.log(`  secret_key       ${created.secret_key}`);
      console.log(
        `  publishable_key  ${created.publishable_key} (allowed for the same origins as the key below, for your own pages)`,
      );
      if (created.model) {
        const { version, run } = created.model;
        const auc = run.metrics.validation?.auc;
        console.log(
          `\nScoring model v${version} trained on ${run.data.rows} closed leads${auc === undefined ? '' : ` (held-out AUC ${auc.toFixed(2)})`}: new leads are scored as they arrive.`,
        );
      }
    } else {
      console.log(`\nReusing the demo organisation ${existing} (its keys were printed on the first start;`);
      console.log('mint new ones with `hk-server org create --name NAME`).');
    }
    console.log(`\n  API       ${server.url}/v1`);
    console.log(`  Docs      ${server.url}/docs`);
    console.log(`  OpenAPI   ${server.url}/openapi.json`);
    console.log(`  Health    ${server.url}/healthz`);
    console.log(`  Embed     ${server.url}/embed/hk-lead-form.js`);
    console.log(`  Partner   ${server.url}${PARTNER_SITE_PATH} (lead form posting with the key below)`);
    console.log(`  Portal    ${server.url}/examples/agency-portal/ (signed in with a demo session)`);
    console.log(`\nThis run's publishable key, allowed for ${origins.join(' and ')}: ${demoKey.key}`);
    closeOnSignal(async () => {
      await server.close();
      await worker?.stop();
      runtime.close();
      await handle.close();
    });
  } catch (error) {
    await worker?.stop();
    runtime.close();
    await handle.close();
    throw error;
  }
}
