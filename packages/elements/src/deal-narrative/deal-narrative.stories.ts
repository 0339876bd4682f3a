import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { makeDeal } from '../../test/fixtures.js';
import '../provider/provider.define.js';
import './deal-narrative.define.js';

interface NarrativeArgs {
  lang: 'en' | 'es';
}

const meta: Meta<NarrativeArgs> = {
  title: 'Portal/hk-deal-narrative',
  component: 'hk-deal-narrative',
  args: { lang: 'en' },
  argTypes: { lang: { control: 'inline-radio', options: ['en', 'es'] } },
  // No server behind the provider: asking for the narrative shows how a failure reads.
  render: (args) => html`
    <hk-provider base-url="https://api.example.invalid" lang=${args.lang}>
      <hk-deal-narrative opportunity-id=${makeDeal().id}></hk-deal-narrative>
    </hk-provider>
  `,
};
export default meta;

type Story = StoryObj<NarrativeArgs>;

export const Default: Story = {};

export const Spanish: Story = { args: { lang: 'es' } };
