import { createRequire } from 'node:module';
import { build } from 'esbuild';

const fromElements = createRequire(import.meta.url);
const fromDragAndDrop = createRequire(fromElements.resolve('@atlaskit/pragmatic-drag-and-drop/package.json'));
const bindEventListenerMain = fromDragAndDrop.resolve('bind-event-listener');
const bindEventListenerSource = bindEventListenerMain.replace(/dist\/index\.js$/, 'src/index.ts');
const fromSdk = createRequire(fromElements.resolve('@hidden-key/sdk/package.json'));
const standardWebhooksMain = fromSdk.resolve('standardwebhooks');

/**
 * pragmatic-drag-and-drop depends on bind-event-listener, whose build is CommonJS only; the dev
 * server serves ES modules as they are. The package ships its ES module source, so serve that,
 * bundled, in place of the CommonJS build. (Bundlers such as esbuild and Vite need no help.)
 */
export function bindEventListenerAsModule() {
  let body;
  return {
    name: 'bind-event-listener-as-module',
    async serve(context) {
      if (!context.path.endsWith('/bind-event-listener/dist/index.js')) return undefined;
      body ??= (
        await build({
          entryPoints: [bindEventListenerSource],
          bundle: true,
          format: 'esm',
          write: false,
          logLevel: 'silent',
        })
      ).outputFiles[0].text;
      return { body, type: 'js' };
    },
  };
}

/**
 * The SDK's `verifyWebhook` uses standardwebhooks, whose build is CommonJS only too (and ships no
 * ES module source): serve it bundled as an ES module with its named exports, which esbuild can
 * give a CommonJS module only when they are named.
 */
export function standardWebhooksAsModule() {
  let body;
  return {
    name: 'standardwebhooks-as-module',
    async serve(context) {
      if (!context.path.endsWith('/standardwebhooks/dist/index.js')) return undefined;
      body ??= (
        await build({
          stdin: {
            contents: `export { Webhook, WebhookVerificationError } from ${JSON.stringify(standardWebhooksMain)};`,
            resolveDir: fromElements.resolve('@hidden-key/sdk/package.json').replace(/package\.json$/, ''),
          },
          bundle: true,
          format: 'esm',
          platform: 'browser',
          write: false,
          logLevel: 'silent',
        })
      ).outputFiles[0].text;
      return { body, type: 'js' };
    },
  };
}
