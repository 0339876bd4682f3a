import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { makeLead } from '../../test/fixtures.js';
import '../provider/provider.define.js';
import { seedProvider } from '../provider/story-seed.js';
import './lead-detail.define.js';

interface DetailArgs {
  lang: 'en' | 'es';
}

const lead = makeLead({
  contact: { name: 'Grace Hopper', email: 'grace@example.com', phone: '+14155550123' },
  status: 'contacted',
  score: 72,
});

const meta: Meta<DetailArgs> = {
  title: 'Portal/hk-lead-detail',
  component: 'hk-lead-detail',
  args: { lang: 'en' },
  argTypes: { lang: { control: 'inline-radio', options: ['en', 'es'] } },
  // Signed out: the lead comes from the seeded store, the activity timeline answers offline.
  render: (args) => html`
    <hk-provider base-url="https://api.example.invalid" lang=${args.lang} ${ref(seedProvider({ leads: [lead] }))}>
      <hk-lead-detail lead-id=${lead.id}></hk-lead-detail>
    </hk-provider>
  `,
};
export default meta;

type Story = StoryObj<DetailArgs>;

export const Default: Story = {};

export const Spanish: Story = { args: { lang: 'es' } };
