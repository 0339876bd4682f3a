import type { Lead } from '@hidden-key/sdk/schemas';
import {
  LEAD_PRIORITIES,
  LEAD_PRIORITY_RANK,
  PROPERTY_CONDITION_ALIASES,
  PROPERTY_CONDITIONS,
} from '@hidden-key/sdk/schemas/lists';

/**
 * A lead as the model sees it. Training and scoring both go through `featuresFromLead`, so they
 * cannot drift apart. Missing information stays missing (NaN): the trees learn where it goes.
 * Everything is computed "as known at `now`": a contact logged after `now` has not happened yet,
 * which is what lets history be replayed at creation time without leaking the outcome.
 */
export const FEATURE_NAMES = [
  'estimated_value',
  'asking_price',
  'asking_to_value_ratio',
  'sqft',
  'bedrooms',
  'bathrooms',
  'property_age_years',
  'condition_score',
  'days_since_created',
  'days_since_last_contact',
  'contact_completeness',
  'has_phone',
  'has_email',
  'has_address',
  'motivation_length',
  'motivation_urgency',
  'priority_level',
  'source_web',
  'source_api',
  'source_import',
  'source_referral',
  'paid_traffic',
  'has_consent',
  'tag_count',
] as const;

export type FeatureName = (typeof FEATURE_NAMES)[number];

/** Only the parts of a lead the features read, so callers can pass a stored row or an API answer. */
export type LeadForScoring = Pick<
  Lead,
  | 'source'
  | 'priority'
  | 'contact'
  | 'property'
  | 'motivation'
  | 'attribution'
  | 'consent'
  | 'tags'
  | 'created_at'
  | 'last_contacted_at'
>;

const DAY_MS = 86_400_000;

/** The contract's conditions scored worst (0) to best, and the other words for them. */
const CONDITIONS_WORST_FIRST = [...PROPERTY_CONDITIONS].reverse();
const CONDITION_SCORES = new Map<string, number>([
  ...CONDITIONS_WORST_FIRST.map((condition, score) => [condition, score] as const),
  ...Object.entries(PROPERTY_CONDITION_ALIASES).map(
    ([word, condition]) => [word, CONDITIONS_WORST_FIRST.indexOf(condition)] as const,
  ),
]);

/** Words sellers use when they need to sell soon. */
const URGENCY_WORDS = [
  'foreclos',
  'behind on',
  'divorce',
  'inherit',
  'probate',
  'relocat',
  'job',
  'asap',
  'quick',
  'urgent',
  'tired landlord',
  'vacant',
  'repairs',
  'tax',
  'bankrupt',
];

export function featuresFromLead(lead: LeadForScoring, now: Date = new Date()): Float64Array {
  const property = lead.property ?? {};
  const estimated = numberOrNaN(property.estimated_value);
  const asking = numberOrNaN(property.asking_price);
  const created = Date.parse(lead.created_at);
  const contacted = lead.last_contacted_at ? Date.parse(lead.last_contacted_at) : Number.NaN;
  const motivation = lead.motivation?.trim() ? lead.motivation.trim().toLowerCase() : null;
  const medium = lead.attribution?.utm_medium?.trim().toLowerCase();
  const source = lead.source.trim().toLowerCase();
  const contactFields = [lead.contact.name, lead.contact.email, lead.contact.phone];

  const values: Record<FeatureName, number> = {
    estimated_value: estimated,
    asking_price: asking,
    asking_to_value_ratio: estimated > 0 ? asking / estimated : Number.NaN,
    sqft: numberOrNaN(property.sqft),
    bedrooms: numberOrNaN(property.bedrooms),
    bathrooms: numberOrNaN(property.bathrooms),
    property_age_years: property.year_built ? now.getUTCFullYear() - property.year_built : Number.NaN,
    condition_score: CONDITION_SCORES.get(property.condition?.trim().toLowerCase() ?? '') ?? Number.NaN,
    days_since_created: Math.max(0, (now.getTime() - created) / DAY_MS),
    days_since_last_contact: contacted <= now.getTime() ? (now.getTime() - contacted) / DAY_MS : Number.NaN,
    contact_completeness: contactFields.filter(Boolean).length / contactFields.length,
    has_phone: lead.contact.phone ? 1 : 0,
    has_email: lead.contact.email ? 1 : 0,
    has_address: property.address ? 1 : 0,
    motivation_length: motivation === null ? Number.NaN : motivation.length,
    motivation_urgency:
      motivation === null ? Number.NaN : URGENCY_WORDS.filter((w) => motivation.includes(w)).length,
    priority_level: LEAD_PRIORITY_RANK[lead.priority],
    source_web: /web|form|site|public|landing/.test(source) ? 1 : 0,
    source_api: source === 'api' ? 1 : 0,
    source_import: /import|csv|list/.test(source) ? 1 : 0,
    source_referral: /referr|partner|agent/.test(source) ? 1 : 0,
    paid_traffic: medium ? (/cpc|ppc|paid|ads?$|display/.test(medium) ? 1 : 0) : Number.NaN,
    has_consent: lead.consent ? 1 : 0,
    tag_count: lead.tags.length,
  };
  return Float64Array.from(FEATURE_NAMES, (name) => values[name]);
}

/**
 * Training rows from an organisation's closed leads: converted = 1, lost = 0, others skipped.
 * Features are taken as at each lead's creation, the moment a new lead is scored, so the outcome
 * (and the contact history that led to it) cannot leak into the inputs.
 */
export function trainingRowsFromLeads(
  leads: readonly (LeadForScoring & Pick<Lead, 'status'>)[],
): { features: Float64Array; label: boolean }[] {
  return leads
    .filter((lead) => lead.status === 'converted' || lead.status === 'lost')
    .map((lead) => ({
      features: featuresFromLead(lead, new Date(lead.created_at)),
      label: lead.status === 'converted',
    }));
}

function numberOrNaN(value: number | null | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : Number.NaN;
}

const money = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  maximumFractionDigits: 0,
});
const round = (x: number) => Math.round(x);

/** Plain words for a lead feature's value, for score explanations. */
export function describeLeadFeature(feature: string, value: number): string {
  if (Number.isNaN(value) && feature === 'days_since_last_contact') return 'never contacted';
  if (Number.isNaN(value))
    return `${missingWording[feature as FeatureName] ?? feature.replaceAll('_', ' ')} unknown`;
  switch (feature as FeatureName) {
    case 'asking_to_value_ratio': {
      const percent = round(Math.abs(1 - value) * 100);
      if (percent === 0) return 'asking price equal to estimated value';
      return `asking price ${percent} % ${value < 1 ? 'under' : 'over'} estimated value`;
    }
    case 'estimated_value':
      return `estimated value ${money.format(value)}`;
    case 'asking_price':
      return `asking price ${money.format(value)}`;
    case 'sqft':
      return `${round(value)} sq ft`;
    case 'bedrooms':
      return `${value} bedroom${value === 1 ? '' : 's'}`;
    case 'bathrooms':
      return `${value} bathroom${value === 1 ? '' : 's'}`;
    case 'property_age_years':
      return `built ${round(value)} years ago`;
    case 'condition_score':
      return `condition ${CONDITIONS_WORST_FIRST[round(value)] ?? value}`;
    case 'days_since_created':
      return `created ${round(value)} day${round(value) === 1 ? '' : 's'} ago`;
    case 'days_since_last_contact':
      return `last contacted ${round(value)} day${round(value) === 1 ? '' : 's'} ago`;
    case 'contact_completeness':
      return `${round(value * 3)} of 3 contact details given`;
    case 'motivation_urgency':
      return value > 0
        ? `motivation mentions ${value} urgent circumstance${value === 1 ? '' : 's'}`
        : 'no urgency in motivation';
    case 'motivation_length':
      return `motivation of ${value} characters`;
    case 'priority_level':
      return `${LEAD_PRIORITIES[value] ?? value} priority`;
    case 'paid_traffic':
      return value ? 'came from paid traffic' : 'came from unpaid traffic';
    case 'tag_count':
      return `${value} tag${value === 1 ? '' : 's'}`;
    default: {
      const name = feature.replace(/^(has|source)_/, '').replaceAll('_', ' ');
      if (feature.startsWith('has_')) return value ? `${name} given` : `no ${name}`;
      if (feature.startsWith('source_')) return value ? `source is ${name}` : `source is not ${name}`;
      return `${feature.replaceAll('_', ' ')} ${value}`;
    }
  }
}

const missingWording: Partial<Record<FeatureName, string>> = {
  asking_to_value_ratio: 'asking price vs. estimated value',
  motivation_length: 'motivation',
  motivation_urgency: 'motivation',
  paid_traffic: 'traffic source',
};
