import { HkActivityLog } from './activity-log.js';

HkActivityLog.define('hk-activity-log');

declare global {
  interface HTMLElementTagNameMap {
    'hk-activity-log': HkActivityLog;
  }
}
