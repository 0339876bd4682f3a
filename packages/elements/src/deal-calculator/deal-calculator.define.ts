import { HkDealCalculator } from './deal-calculator.js';

HkDealCalculator.define('hk-deal-calculator');

declare global {
  interface HTMLElementTagNameMap {
    'hk-deal-calculator': HkDealCalculator;
  }
}
