// The Custom Elements Manifest (custom-elements.json), read by Storybook docs, editors and
// framework wrappers, generated from each component's JSDoc header.
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.stories.ts'],
  outdir: 'dist',
  litelement: true,
};
