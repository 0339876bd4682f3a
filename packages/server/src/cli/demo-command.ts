import { serve } from '@hono/node-server';
import { Command } from 'commander';
import { createApp } from '../app.js';
import { openDatabase } from '../db/open.js';
import { ensureDemoOrganization, rotateDemoPublishableKey } from '../demo/demo-organization.js';
import { PARTNER_SITE_PATH, registerPartnerSite } from '../demo/partner-site.js';
import { demoPaths } from '../demo/repo-paths.js';
import { defaultDeps } from '../deps.js';
import { registerEmbedRoutes } from '../routes/embed/embed.handlers.js';
import { captureRuntimeFromEnv, databaseOptionsFromEnv } from './runtime-env.js';

const DEFAULT_PORT = 8787;

/** `hk-server demo [--port N]`: the API, the embeds and the partner page with a working key. */
export function demoCommand(): Command {
  return new Command('demo')
    .description('serve the API with a demo organisation, /embed/ and the partner-site example')
    .option('--port <n>', 'port (default PORT or 8787)', (value) => Number.parseInt(value, 10))
    .action(async (options: { port?: number }) => {
      const port = options.port ?? (Number(process.env.PORT) || DEFAULT_PORT);
      const handle = await openDatabase(databaseOptionsFromEnv());
      await handle.migrate();
      const deps = defaultDeps(handle.db);
      const { organizationId, created } = await ensureDemoOrganization(deps);
      if (created) {
        // Its first publishable key is replaced below by one allowed for this run's origins.
        const { organization_id, secret_key } = created;
        console.log('Demo organisation created. Its secret key is shown this once:');
        console.log(JSON.stringify({ organization_id, secret_key }, null, 2));
      }
      const origins = [`http://localhost:${port}`, `http://127.0.0.1:${port}`];
      const publishable = await rotateDemoPublishableKey(deps, organizationId, origins);

      const runtime = captureRuntimeFromEnv();
      const app = createApp({ ...deps, ...runtime.deps });
      const paths = demoPaths();
      registerEmbedRoutes(app, paths.embedDir);
      registerPartnerSite(app, {
        siteDir: paths.partnerSiteDir,
        publishableKey: publishable.key,
        atRoot: true,
      });

      const server = serve({ fetch: app.fetch, port }, () => {
        console.log(`Hidden Key demo (data: ${handle.location})`);
        console.log(`  partner site  http://localhost:${port}${PARTNER_SITE_PATH}`);
        console.log(`  embed         http://localhost:${port}/embed/hk-lead-form.js`);
        console.log(`  API           http://localhost:${port}/v1/`);
        console.log(`  demo publishable key (allowed for ${origins.join(', ')}): ${publishable.key}`);
      });
      const stop = () => {
        server.close();
        runtime.close();
        void handle.close().finally(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
