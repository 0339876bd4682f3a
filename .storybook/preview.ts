import { type Preview, setCustomElementsManifest } from '@storybook/web-components-vite';
// Generated from the components' JSDoc by `cem analyze`, which the storybook scripts run first.
import manifest from '../packages/elements/dist/custom-elements.json';

setCustomElementsManifest(manifest);

const preview: Preview = {
  parameters: {
    a11y: { test: 'error' },
  },
};

export default preview;
