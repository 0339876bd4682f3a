import { HkProvider } from './provider.js';

HkProvider.define('hk-provider');

declare global {
  interface HTMLElementTagNameMap {
    'hk-provider': HkProvider;
  }
}
