import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { makeDeal } from '../../test/fixtures.js';
import '../provider/provider.define.js';
import { seedProvider } from '../provider/story-seed.js';
import './deal-detail.define.js';

interface DetailArgs {
  lang: 'en' | 'es';
}

const deal = makeDeal({ title: '4821 Ridgeview', stage: 'negotiation' });

const meta: Meta<DetailArgs> = {
  title: 'Deals/hk-deal-detail',
  component: 'hk-deal-detail',
  args: { lang: 'en' },
  argTypes: { lang: { control: 'inline-radio', options: ['en', 'es'] } },
  // Signed out: the deal comes from the seeded store, the activity timeline answers offline.
  render: (args) => html`
    <hk-provider base-url="https://api.example.invalid" lang=${args.lang} ${ref(seedProvider({ opportunities: [deal] }))}>
      <hk-deal-detail opportunity-id=${deal.id}></hk-deal-detail>
    </hk-provider>
  `,
};
export default meta;

type Story = StoryObj<DetailArgs>;

export const Default: Story = {};

export const Spanish: Story = { args: { lang: 'es' } };
