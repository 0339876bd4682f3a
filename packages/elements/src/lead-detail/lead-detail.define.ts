import { HkLeadDetail } from './lead-detail.js';

HkLeadDetail.define('hk-lead-detail');

declare global {
  interface HTMLElementTagNameMap {
    'hk-lead-detail': HkLeadDetail;
  }
}
