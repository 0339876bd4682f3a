import { HkLeadInsights } from './lead-insights.js';

HkLeadInsights.define('hk-lead-insights');

declare global {
  interface HTMLElementTagNameMap {
    'hk-lead-insights': HkLeadInsights;
  }
}
