import { createRequire } from 'node:module';
import { build } from 'esbuild';

const fromElements = createRequire(import.meta.url);
const fromDragAndDrop = createRequire(fromElements.resolve('@atlaskit/pragmatic-drag-and-drop/package.json'));
const bindEventListenerMain = fromDragAndDrop.resolve('bind-event-listener');
const bindEventListenerSource = bindEventListenerMain.replace(/dist\/index\.js$/, 'src/index.ts');

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
