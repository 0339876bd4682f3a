import { PROPERTY_CONDITIONS } from '@hidden-key/sdk/schemas/lists';
import { type FieldName, fieldRules } from './lead-rules.js';

/** Where a field's value goes in the request body. */
export type FieldGroup = 'contact' | 'property' | 'lead';

export interface FieldControl {
  group: FieldGroup;
  input: 'text' | 'email' | 'tel' | 'number' | 'textarea' | 'select';
  autocomplete?: string;
  options?: readonly string[];
}

export const propertyTypes = [
  'single_family',
  'multi_family',
  'condo',
  'townhouse',
  'mobile_home',
  'land',
  'other',
] as const;

export const fieldControls: Record<FieldName, FieldControl> = {
  name: { group: 'contact', input: 'text', autocomplete: 'name' },
  email: { group: 'contact', input: 'email', autocomplete: 'email' },
  phone: { group: 'contact', input: 'tel', autocomplete: 'tel' },
  address: { group: 'property', input: 'text', autocomplete: 'street-address' },
  city: { group: 'property', input: 'text', autocomplete: 'address-level2' },
  state: { group: 'property', input: 'text', autocomplete: 'address-level1' },
  zip: { group: 'property', input: 'text', autocomplete: 'postal-code' },
  property_type: { group: 'property', input: 'select', options: propertyTypes },
  bedrooms: { group: 'property', input: 'number' },
  bathrooms: { group: 'property', input: 'number' },
  sqft: { group: 'property', input: 'number' },
  year_built: { group: 'property', input: 'number' },
  estimated_value: { group: 'property', input: 'number' },
  condition: { group: 'property', input: 'select', options: PROPERTY_CONDITIONS },
  asking_price: { group: 'property', input: 'number' },
  motivation: { group: 'lead', input: 'textarea' },
};

export interface FieldChoice {
  name: FieldName;
  required: boolean;
}

export const defaultFieldList = 'name*,email*,phone,address,motivation';

/** Reads a `fields` attribute such as `name*,email*,phone`: the fields to show, `*` marking required ones. */
export function parseFieldList(list: string): FieldChoice[] {
  const choices: FieldChoice[] = [];
  for (const entry of list.split(',')) {
    const required = entry.trim().endsWith('*');
    const name = entry.trim().replace(/\*$/, '');
    if (!name) continue;
    if (name in fieldRules && !choices.some((choice) => choice.name === name)) {
      choices.push({ name: name as FieldName, required });
    } else {
      console.warn(`hk-lead-form: field "${name}" is unknown or repeated and is left out.`);
    }
  }
  return choices;
}
