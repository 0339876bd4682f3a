import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { makeLead } from '../../test/fixtures.js';
import '../provider/provider.define.js';
import { seedProvider } from '../provider/story-seed.js';
import './lead-insights.define.js';

interface InsightsArgs {
  lang: 'en' | 'es';
}

const sale = (zip: string, sqft: number, price: number) => ({
  city: 'Sacramento',
  state: 'CA',
  zip,
  bedrooms: 3,
  bathrooms: 2,
  sqft,
  year_built: 1975,
  price,
});

const lead = makeLead({
  contact: { name: 'Grace Hopper', email: 'grace@example.com', phone: null },
  property: { address: '4 Elm St', city: 'Sacramento', state: 'CA', sqft: 1_250 },
  enrichment: {
    comparable_sales: {
      estimated_value: {
        value: 238_000,
        low: 224_000,
        high: 251_000,
        method: 'price_per_sqft',
        area: { level: 'zip', name: '95838' },
        comps: [sale('95838', 1_200, 231_000), sale('95838', 1_310, 249_500), sale('95838', 1_180, 226_000)],
      },
    },
  },
});

const meta: Meta<InsightsArgs> = {
  title: 'Portal/hk-lead-insights',
  component: 'hk-lead-insights',
  args: { lang: 'en' },
  argTypes: { lang: { control: 'inline-radio', options: ['en', 'es'] } },
  // Signed out: the lead and its estimate come from the seeded store; drafts and sequences need a server.
  render: (args) => html`
    <hk-provider base-url="https://api.example.invalid" lang=${args.lang} ${ref(seedProvider({ leads: [lead] }))}>
      <hk-lead-insights lead-id=${lead.id}></hk-lead-insights>
    </hk-provider>
  `,
};
export default meta;

type Story = StoryObj<InsightsArgs>;

export const Default: Story = {};

export const Spanish: Story = { args: { lang: 'es' } };
