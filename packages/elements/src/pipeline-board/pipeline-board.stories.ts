import { DealType, type Lead, OpportunityStage } from '@hidden-key/sdk/schemas';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { daysAgo, makeDeal, makeLead } from '../../test/fixtures.js';
import '../provider/provider.define.js';
import { seedProvider } from '../provider/story-seed.js';
import './pipeline-board.define.js';

interface BoardArgs {
  deals: number;
  staleDays: number;
  lang: 'en' | 'es';
}

const streets = ['Oak', 'Elm', 'Maple', 'Cedar', 'Pine', 'Birch', 'Walnut', 'Cherry'];
/** Sellers whose scores the cards show: two deals in three come from a scored lead. */
const sampleLeads = (count: number) =>
  Array.from({ length: count }, (_, index) => makeLead({ score: (index * 37) % 100 }));
const sampleDeals = (count: number, leads: Lead[]) =>
  Array.from({ length: count }, (_, index) =>
    makeDeal({
      lead_id: index % 3 ? leads[index]!.id : null,
      stage: OpportunityStage.options[index % 8],
      deal_type: DealType.options[index % 4],
      position: index,
      property: { address: `${100 + index} ${streets[index % streets.length]} St`, city: 'Austin' },
      property_value: 150_000 + ((index * 7919) % 350_000),
      estimated_profit: 10_000 + ((index * 3571) % 60_000),
      stage_changed_at: daysAgo(index % 30),
      updated_at: daysAgo(index % 25),
    }),
  );

const seedBoard = (count: number) => {
  const leads = sampleLeads(count);
  return seedProvider({ opportunities: sampleDeals(count, leads), leads });
};

const meta: Meta<BoardArgs> = {
  title: 'Portal/hk-pipeline-board',
  component: 'hk-pipeline-board',
  args: { deals: 40, staleDays: 14, lang: 'en' },
  argTypes: { lang: { control: 'inline-radio', options: ['en', 'es'] } },
  render: (args) => html`
    <hk-provider base-url="https://api.example.invalid" lang=${args.lang} ${ref(seedBoard(args.deals))}>
      <hk-pipeline-board stale-days=${args.staleDays}></hk-pipeline-board>
    </hk-provider>
  `,
};
export default meta;

type Story = StoryObj<BoardArgs>;

export const Default: Story = {};

export const Spanish: Story = { args: { lang: 'es' } };

export const TenThousandDeals: Story = { args: { deals: 10_000 } };

export const Themed: Story = {
  render: (args) => html`
    <style>
      .brand {
        --hk-color-primary: #7c2d12;
        --hk-color-focus: #ea580c;
        --hk-radius: 0;
        --hk-board-column-width: 14rem;
        --hk-color-stale: #a16207;
      }
      .brand hk-pipeline-board::part(card) {
        border-left: 4px solid #ea580c;
      }
    </style>
    <div class="brand">
      <hk-provider base-url="https://api.example.invalid" ${ref(seedBoard(args.deals))}>
        <hk-pipeline-board stale-days=${args.staleDays}></hk-pipeline-board>
      </hk-provider>
    </div>
  `,
};
