import { type Sale, shippedSales } from './comparable-sales.js';
import type { EnrichmentProvider } from './enrichment-provider.js';
import { estimateValue } from './estimate-value.js';

/**
 * The built-in provider: a value from the nearest real sales shipped with the server (Sacramento
 * area and Ames, see COMPARABLE-SALES.md), with its range and the comps used. It knows no owner
 * and no facts beyond what the lead says.
 */
export function comparableSalesProvider(sales: readonly Sale[] = shippedSales()): EnrichmentProvider {
  return {
    name: 'comparable_sales',
    async enrich(property) {
      const estimate = estimateValue(property, sales);
      return estimate ? { property_facts: {}, estimated_value: estimate, owner_occupied: null } : null;
    },
  };
}
