// The one client every script uses, configured like the `hidden-key` CLI.
import { HiddenKey } from '@hidden-key/sdk';

const apiKey = process.env.HIDDEN_KEY_API_KEY;
if (!apiKey) {
  console.error('Set HIDDEN_KEY_API_KEY to a secret key (sk_...), and HIDDEN_KEY_BASE_URL to the server.');
  process.exit(2);
}
export const hk = new HiddenKey({
  apiKey,
  baseUrl: process.env.HIDDEN_KEY_BASE_URL ?? 'http://localhost:8787',
});
