import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', cli: 'src/cli.ts' },
  format: ['esm'],
  dts: { entry: { index: 'src/index.ts' } },
  clean: true,
  target: 'es2022',
  // Resolved at run time through package.json "imports" (Node build in Node, wasm build elsewhere).
  external: ['#onnxruntime'],
});
