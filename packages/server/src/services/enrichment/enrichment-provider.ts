import type { Property } from '@hidden-key/sdk/schemas';
import type { ValueEstimate } from './estimate-value.js';

/** Property facts a provider may know; they fill gaps on the lead and never overwrite what it says. */
export type PropertyFacts = Partial<
  Pick<Property, 'property_type' | 'bedrooms' | 'bathrooms' | 'sqft' | 'year_built'>
>;

/** What one provider found about a lead's property. */
export interface EnrichmentResult {
  property_facts: PropertyFacts;
  estimated_value: ValueEstimate | null;
  /** Whether the owner lives there (from records), or null when unknown. */
  owner_occupied: boolean | null;
}

/**
 * A source of property data: the built-in comparable-sales provider, or a paid one (Zillow,
 * ATTOM, a county API) implemented against this interface and passed to `enrichLeadJob`.
 * `enrich` answers null when it knows nothing about the property; it throws to have the job retried.
 */
export interface EnrichmentProvider {
  /** Stored as the key of its result in `lead.enrichment`. */
  readonly name: string;
  enrich(property: Property, context: { signal: AbortSignal }): Promise<EnrichmentResult | null>;
}
