import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  stories: ['../packages/elements/src/**/*.stories.ts'],
  addons: ['@storybook/addon-a11y', '@storybook/addon-docs'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true },
  // Stories import workspace packages from their TypeScript source, as tests do.
  viteFinal: async (viteConfig) => {
    const { defaultClientConditions } = await import('vite');
    viteConfig.resolve = {
      ...viteConfig.resolve,
      conditions: ['@hidden-key/source', ...defaultClientConditions],
    };
    return viteConfig;
  },
};

export default config;
