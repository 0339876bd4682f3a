import { HkDealNarrative } from './deal-narrative.js';

HkDealNarrative.define('hk-deal-narrative');

declare global {
  interface HTMLElementTagNameMap {
    'hk-deal-narrative': HkDealNarrative;
  }
}
