import { LeadPriority, LeadStatus } from '@hidden-key/sdk/schemas';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { makeLead } from '../../test/fixtures.js';
import '../provider/provider.define.js';
import { seedProvider } from '../provider/story-seed.js';
import './lead-list.define.js';

interface ListArgs {
  leads: number;
  lang: 'en' | 'es';
}

const names = [
  'Ada Lovelace',
  'Grace Hopper',
  'Alan Turing',
  'Katherine Johnson',
  'Edsger Dijkstra',
  'Barbara Liskov',
];
const start = Date.parse('2026-11-01T00:00:00Z');
const sampleLeads = (count: number) =>
  Array.from({ length: count }, (_, index) =>
    makeLead({
      contact: {
        name: `${names[index % names.length]} ${index}`,
        email: `lead${index}@example.com`,
        phone: null,
      },
      status: LeadStatus.options[index % 5],
      priority: LeadPriority.options[(index * 7) % 4],
      source: index % 2 ? 'website' : 'referral',
      score: index % 4 ? (index * 31) % 100 : null,
      created_at: new Date(start - index * 3_600_000).toISOString(),
    }),
  );

const meta: Meta<ListArgs> = {
  title: 'Portal/hk-lead-list',
  component: 'hk-lead-list',
  args: { leads: 60, lang: 'en' },
  argTypes: { lang: { control: 'inline-radio', options: ['en', 'es'] } },
  render: (args) => html`
    <hk-provider base-url="https://api.example.invalid" lang=${args.lang} ${ref(seedProvider({ leads: sampleLeads(args.leads) }))}>
      <hk-lead-list></hk-lead-list>
    </hk-provider>
  `,
};
export default meta;

type Story = StoryObj<ListArgs>;

export const Default: Story = {};

export const Spanish: Story = { args: { lang: 'es' } };

export const HundredThousandLeads: Story = { args: { leads: 100_000 } };

/** A lead whose name is markup stays text. */
export const MarkupInLeadText: Story = {
  render: () => html`
    <hk-provider
      base-url="https://api.example.invalid"
      ${ref(seedProvider({ leads: [makeLead({ contact: { name: '<img src=x onerror=alert(1)>', email: null, phone: null } })] }))}
    >
      <hk-lead-list></hk-lead-list>
    </hk-provider>
  `,
};
