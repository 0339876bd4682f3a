import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { makeLead } from '../../test/fixtures.js';
import '../provider/provider.define.js';
import './activity-log.define.js';

interface LogArgs {
  lang: 'en' | 'es';
}

const meta: Meta<LogArgs> = {
  title: 'Portal/hk-activity-log',
  component: 'hk-activity-log',
  args: { lang: 'en' },
  argTypes: { lang: { control: 'inline-radio', options: ['en', 'es'] } },
  // No server behind the provider: the timeline shows how it reads when the API is unreachable.
  render: (args) => html`
    <hk-provider base-url="https://api.example.invalid" lang=${args.lang}>
      <hk-activity-log lead-id=${makeLead().id}></hk-activity-log>
    </hk-provider>
  `,
};
export default meta;

type Story = StoryObj<LogArgs>;

export const Default: Story = {};

export const Spanish: Story = { args: { lang: 'es' } };
