import { HkLeadList } from './lead-list.js';

HkLeadList.define('hk-lead-list');

declare global {
  interface HTMLElementTagNameMap {
    'hk-lead-list': HkLeadList;
  }
}
