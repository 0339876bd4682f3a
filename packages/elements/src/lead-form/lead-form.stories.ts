import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import './lead-form.define.js';

interface LeadFormArgs {
  fields: string;
  consentText: string;
  consentRequired: boolean;
  lang: 'en' | 'es';
  successMessage: string;
}

const meta: Meta<LeadFormArgs> = {
  title: 'Lead capture/hk-lead-form',
  component: 'hk-lead-form',
  args: {
    fields: 'name*,email*,phone,address,city,state,zip,condition,motivation',
    consentText: '',
    consentRequired: false,
    lang: 'en',
    successMessage: '',
  },
  argTypes: { lang: { control: 'inline-radio', options: ['en', 'es'] } },
  render: (args) => html`<hk-lead-form
    publishable-key="pk_demo"
    base-url="https://api.example.invalid"
    fields=${args.fields}
    consent-text=${args.consentText}
    ?consent-required=${args.consentRequired}
    lang=${args.lang}
    success-message=${args.successMessage}
  ></hk-lead-form>`,
};
export default meta;

type Story = StoryObj<LeadFormArgs>;

export const Default: Story = {};

export const WithConsent: Story = {
  args: {
    fields: 'name*,phone*',
    consentText: 'I agree to receive calls and text messages about my property. Message rates may apply.',
    consentRequired: true,
  },
};

export const Spanish: Story = { args: { lang: 'es' } };

export const Themed: Story = {
  render: (args) => html`<style>
      .brand {
        --hk-color-primary: #0f766e;
        --hk-radius: 0;
        --hk-font: Georgia, serif;
      }
      .brand hk-lead-form::part(button) {
        text-transform: uppercase;
        letter-spacing: 0.05em;
      }
    </style>
    <div class="brand">
      <hk-lead-form publishable-key="pk_demo" fields=${args.fields}>
        <span slot="heading">Get a cash offer in 24 hours</span>
      </hk-lead-form>
    </div>`,
};
