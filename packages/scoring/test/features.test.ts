import type { Lead } from '@hidden-key/sdk/schemas';
import { describe, expect, it } from 'vitest';
import { FEATURE_NAMES, featuresFromLead, trainingRowsFromLeads } from '../src/features.js';

const lead: Lead = {
  id: '6f1c1d4e-2b1a-4c1e-9a1e-1c2d3e4f5a6b',
  organization_id: '7a1c1d4e-2b1a-4c1e-9a1e-1c2d3e4f5a6b',
  source: 'web_form',
  status: 'new',
  priority: 'high',
  contact: { name: 'Ada Seller', email: null, phone: '+15551234567' },
  property: {
    estimated_value: 250_000,
    asking_price: 205_000,
    condition: 'Needs work',
    year_built: 1976,
    bedrooms: 3,
  },
  motivation: 'Inherited the house, behind on taxes, want to sell quickly',
  attribution: { utm_medium: 'cpc' },
  consent: null,
  enrichment: {},
  score: null,
  score_details: null,
  tags: ['probate'],
  custom_fields: {},
  created_at: '2026-11-01T00:00:00.000Z',
  updated_at: '2026-11-01T00:00:00.000Z',
  last_contacted_at: '2026-11-20T00:00:00.000Z',
  resubmitted_at: null,
};
const now = new Date('2026-11-29T00:00:00.000Z');
const featureValue = (features: Float64Array, name: (typeof FEATURE_NAMES)[number]) =>
  features[FEATURE_NAMES.indexOf(name)]!;

describe('featuresFromLead', () => {
  it('turns a lead into the named features', () => {
    const features = featuresFromLead(lead, now);
    expect(features).toHaveLength(FEATURE_NAMES.length);
    expect(featureValue(features, 'asking_to_value_ratio')).toBeCloseTo(0.82, 12);
    expect(featureValue(features, 'days_since_created')).toBe(28);
    expect(featureValue(features, 'days_since_last_contact')).toBe(9);
    expect(featureValue(features, 'property_age_years')).toBe(50);
    expect(featureValue(features, 'condition_score')).toBe(1);
    expect(featureValue(features, 'contact_completeness')).toBeCloseTo(2 / 3, 12);
    expect(featureValue(features, 'motivation_urgency')).toBeGreaterThanOrEqual(3);
    expect(featureValue(features, 'priority_level')).toBe(2);
    expect(featureValue(features, 'source_web')).toBe(1);
    expect(featureValue(features, 'paid_traffic')).toBe(1);
  });

  it("scores the contract's property conditions by their order, worst 0, and a word it does not know as missing", () => {
    const scoreOf = (condition: string) =>
      featureValue(featuresFromLead({ ...lead, property: { condition } }, now), 'condition_score');
    expect(['distressed', 'poor', 'fair', 'good', 'excellent'].map(scoreOf)).toEqual([0, 1, 2, 3, 4]);
    expect(scoreOf(' Average ')).toBe(2);
    // A word that names something every object has is no condition either.
    for (const word of ['constructor', 'toString', '__proto__', 'splendid']) expect(scoreOf(word)).toBeNaN();
  });

  it('keeps missing information missing instead of inventing it', () => {
    const bare = featuresFromLead(
      { ...lead, property: {}, motivation: null, attribution: {}, last_contacted_at: null },
      now,
    );
    for (const name of [
      'estimated_value',
      'asking_to_value_ratio',
      'sqft',
      'condition_score',
      'days_since_last_contact',
      'motivation_urgency',
      'paid_traffic',
    ] as const) {
      expect(featureValue(bare, name)).toBeNaN();
    }
  });

  it('ignores a contact that happened after `now`', () => {
    const atCreation = featuresFromLead(lead, new Date(lead.created_at));
    expect(featureValue(atCreation, 'days_since_last_contact')).toBeNaN();
    expect(featureValue(atCreation, 'days_since_created')).toBe(0);
  });
});

describe('trainingRowsFromLeads', () => {
  it('labels converted as 1 and lost as 0, skips open leads, and reads features as at creation', () => {
    const rows = trainingRowsFromLeads([
      { ...lead, status: 'converted' },
      { ...lead, status: 'lost' },
      { ...lead, status: 'qualified' },
    ]);
    expect(rows.map((row) => row.label)).toEqual([true, false]);
    expect(featureValue(rows[0]!.features, 'days_since_last_contact')).toBeNaN();
  });
});
