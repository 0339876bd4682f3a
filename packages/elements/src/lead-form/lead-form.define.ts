import { HkLeadForm } from './lead-form.js';

HkLeadForm.define('hk-lead-form');

declare global {
  interface HTMLElementTagNameMap {
    'hk-lead-form': HkLeadForm;
  }
}
