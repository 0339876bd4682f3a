import { type Preview, setCustomElementsManifest } from '@storybook/web-components-vite';
// Generated from the components' JSDoc by `cem analyze`, which the storybook scripts run first.
import manifest from '../packages/elements/dist/custom-elements.json';

setCustomElementsManifest(manifest);

const preview: Preview = {
  // Every component gets a docs page, its attributes, properties, events, slots, parts and CSS
  // properties read from the manifest above (scripts/check-storybook.mjs proves each is there).
  tags: ['autodocs'],
  parameters: {
    a11y: { test: 'error' },
  },
};

export default preview;
