import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import './deal-calculator.define.js';

interface DealCalculatorArgs {
  strategy: 'rental' | 'flip' | 'brrrr' | 'wholesale';
  lang: 'en' | 'es';
}

const meta: Meta<DealCalculatorArgs> = {
  title: 'Deals/hk-deal-calculator',
  component: 'hk-deal-calculator',
  args: { strategy: 'rental', lang: 'en' },
  argTypes: {
    strategy: { control: 'inline-radio', options: ['rental', 'flip', 'brrrr', 'wholesale'] },
    lang: { control: 'inline-radio', options: ['en', 'es'] },
  },
  render: (args) =>
    html`<hk-deal-calculator no-url-state strategy=${args.strategy} lang=${args.lang}></hk-deal-calculator>`,
};
export default meta;

type Story = StoryObj<DealCalculatorArgs>;

export const Rental: Story = {};
export const Flip: Story = { args: { strategy: 'flip' } };
export const Brrrr: Story = { args: { strategy: 'brrrr' } };
export const Wholesale: Story = { args: { strategy: 'wholesale' } };
export const Spanish: Story = { args: { lang: 'es' } };

export const SaveToDeal: Story = {
  render: () => {
    const client = {
      opportunities: { update: async () => new Promise((resolve) => setTimeout(resolve, 500)) },
    };
    return html`<hk-deal-calculator no-url-state opportunity-id="demo" .client=${client}></hk-deal-calculator>`;
  },
};

export const Themed: Story = {
  render: () => html`<style>
      .brand {
        --hk-color-primary: #0f766e;
        --hk-color-success: #065f46;
        --hk-radius: 0;
        --hk-font: Georgia, serif;
      }
      .brand hk-deal-calculator::part(tab) {
        text-transform: uppercase;
      }
    </style>
    <div class="brand"><hk-deal-calculator no-url-state></hk-deal-calculator></div>`,
};
