import type { Catalogue } from '../base/localize.js';
import type { flowMessages } from './lead-form-flow.messages.js';

const en = {
  heading: 'Tell us about your property',
  requiredNote: 'Fields marked * are required.',
  label_name: 'Full name',
  label_email: 'Email',
  label_phone: 'Phone',
  label_address: 'Property address',
  label_city: 'City',
  label_state: 'State',
  label_zip: 'ZIP code',
  label_property_type: 'Property type',
  label_bedrooms: 'Bedrooms',
  label_bathrooms: 'Bathrooms',
  label_sqft: 'Square feet',
  label_year_built: 'Year built',
  label_estimated_value: 'Estimated value',
  label_condition: 'Condition',
  label_asking_price: 'Asking price',
  label_motivation: 'Why are you thinking of selling?',
  choose: 'Choose…',
  option_single_family: 'Single-family house',
  option_multi_family: 'Multi-family',
  option_condo: 'Condo',
  option_townhouse: 'Townhouse',
  option_mobile_home: 'Mobile home',
  option_land: 'Land',
  option_other: 'Other',
  option_excellent: 'Excellent',
  option_good: 'Good',
  option_fair: 'Fair',
  option_poor: 'Needs major repairs',
  option_distressed: 'Unlivable or a tear-down',
  honeypot: 'Leave this field empty',
  queued:
    'Your details are saved on this device and will be sent automatically as soon as the connection is back.',
  stepOf: (step: number, count: number) => `Step ${step} of ${count}`,
  submit: 'Send',
  next: 'Next',
  back: 'Back',
};

export type LeadFormMessages = typeof en & typeof flowMessages;

/** English is built in; other languages load when an element first needs them. */
export const leadFormMessages: Catalogue<LeadFormMessages> = {
  // The rest of English arrives with the sending code (`flowMessages`), before any of it is shown.
  en: en as LeadFormMessages,
  es: () => import('./lead-form.messages.es.js'),
};
