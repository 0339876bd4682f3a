import type { Catalogue } from './localize.js';

const en = {
  address: 'Address',
  property_type: 'Type',
  bedrooms: 'Bedrooms',
  bathrooms: 'Bathrooms',
  sqft: 'Square feet',
  year_built: 'Year built',
  condition: 'Condition',
  estimated_value: 'Estimated value',
  asking_price: 'Asking price',
  noProperty: 'No property details yet.',
};

export type PropertyFactsMessages = typeof en;

/** English is built in; other languages load when an element first needs them. */
export const propertyFactsMessages: Catalogue<PropertyFactsMessages> = {
  en,
  es: () => import('./property-facts.messages.es.js'),
};
