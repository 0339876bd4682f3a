import type { Lead, Opportunity } from '@hidden-key/sdk/schemas';
import type { HkProvider } from './provider.js';

/**
 * A `ref` callback for stories: fills a signed-out provider's stores with sample rows, so the
 * elements under it render without a server (moves then fail and roll back, as offline).
 */
export const seedProvider =
  (rows: { opportunities?: Opportunity[]; leads?: Lead[] }) =>
  async (element?: Element): Promise<void> => {
    if (!element) return;
    const provider = element as HkProvider;
    await customElements.whenDefined('hk-provider');
    await provider.updateComplete;
    provider.hk?.stores.opportunities.seed(rows.opportunities ?? []);
    provider.hk?.stores.leads.seed(rows.leads ?? []);
  };
