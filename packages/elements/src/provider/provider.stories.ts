import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { makeDeal, makeLead } from '../../test/fixtures.js';
import '../lead-list/lead-list.define.js';
import '../pipeline-board/pipeline-board.define.js';
import './provider.define.js';
import { seedProvider } from './story-seed.js';

const lead = makeLead({
  contact: { name: 'Shared Lead', email: 'shared@example.com', phone: null },
  score: 88,
});

const meta: Meta = {
  title: 'Portal/hk-provider',
  component: 'hk-provider',
  render: () => html`
    <hk-provider
      base-url="https://api.example.invalid"
      ${ref(
        seedProvider({
          leads: [lead],
          opportunities: [
            makeDeal({ lead_id: lead.id, property: { address: '5 Linked Ave' }, stage: 'proposal' }),
          ],
        }),
      )}
    >
      <hk-pipeline-board></hk-pipeline-board>
      <hk-lead-list></hk-lead-list>
    </hk-provider>
  `,
};
export default meta;

/** A board and a list sharing one connection and its stores: the deal shows its lead's score. */
export const BoardAndList: StoryObj = {};
