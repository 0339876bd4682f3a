import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { apiStandIn } from './test/api-stand-in.mjs';
import { bindEventListenerAsModule, standardWebhooksAsModule } from './test/esm-only-plugin.mjs';
import { leadEndpointStandIn } from './test/lead-endpoint-stand-in.mjs';

/** A port the OS just handed out: other helpers run tests on this machine, so never a fixed one. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export default {
  files: ['src/**/*.test.ts'],
  port: await freePort(),
  // One test file at a time: they share the origin's localStorage (the lead outbox, the kept leads).
  concurrency: 1,
  nodeResolve: { exportConditions: ['@hidden-key/source', 'browser', 'import'] },
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-dev-shm-usage',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      },
    }),
  ],
  plugins: [
    bindEventListenerAsModule(),
    standardWebhooksAsModule(),
    esbuildPlugin({
      ts: true,
      json: true,
      target: 'es2022',
      tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)),
    }),
  ],
  middleware: [leadEndpointStandIn(), apiStandIn()],
  // nanostores reads process.env.NODE_ENV, which browsers do not have. "ResizeObserver loop
  // completed with undelivered notifications" is the browser saying it deferred size changes to
  // the next frame (the lead list measuring rows it just laid out), not a failure of the page.
  testRunnerHtml: (testFramework) => `<!doctype html>
<html lang="en">
  <head><script>
    window.process = { env: { NODE_ENV: 'test' } };
    window.addEventListener('error', (event) => {
      if (event.message?.startsWith('ResizeObserver loop')) event.stopImmediatePropagation();
    });
  </script></head>
  <body><script type="module" src="${testFramework}"></script></body>
</html>`,
  testFramework: { config: { timeout: 10000 } },
};
