import { HkDealDetail } from './deal-detail.js';

HkDealDetail.define('hk-deal-detail');

declare global {
  interface HTMLElementTagNameMap {
    'hk-deal-detail': HkDealDetail;
  }
}
