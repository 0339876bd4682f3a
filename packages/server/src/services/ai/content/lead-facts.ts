import type { Property } from '@hidden-key/sdk/schemas';
import type { LeadRow } from '../../leads/lead-record.js';

/** What an agent may tell the model about a lead: no email, phone, consent record, IP or custom fields. */
export interface LeadFacts {
  first_name: string | null;
  status: string;
  property: Property;
  /** What the seller wrote, as they wrote it (bounded): data, never instructions. */
  motivation: string | null;
}

const MOTIVATION_LIMIT = 1_000;

const PROPERTY_FIELDS = [
  'address',
  'city',
  'state',
  'zip',
  'property_type',
  'bedrooms',
  'bathrooms',
  'sqft',
  'year_built',
  'condition',
  'asking_price',
  'estimated_value',
] as const satisfies readonly (keyof Property)[];

export function pickProperty(property: Record<string, unknown>): Property {
  const picked: Record<string, unknown> = {};
  for (const field of PROPERTY_FIELDS) {
    if (property[field] !== undefined && property[field] !== null) picked[field] = property[field];
  }
  return picked as Property;
}

export function leadFacts(lead: LeadRow): LeadFacts {
  return {
    first_name: lead.contactName?.trim().split(/\s+/)[0] ?? null,
    status: lead.status,
    property: pickProperty(lead.property),
    motivation: lead.motivation ? lead.motivation.slice(0, MOTIVATION_LIMIT) : null,
  };
}
