import { type ClosedLeadStatus, PROPERTY_CONDITIONS } from '@hidden-key/sdk/schemas';
import type { Executor } from '../../db/database.js';
import { leads } from '../../db/schema.js';

/**
 * A believable closed-lead history for the demo organisation (and for tests): sellers who ask well
 * under the estimated value, say why they must sell, leave a phone number or own a distressed house
 * convert more often, as investors see in practice. Deterministic for a seed.
 */
export interface LeadHistoryOptions {
  count: number;
  seed: number;
  /** History ends here; leads are spread over the year before. */
  now: Date;
}

export type HistoricalLead = typeof leads.$inferInsert & { status: ClosedLeadStatus };

const URGENT_MOTIVATIONS = [
  'Behind on payments, need to sell before foreclosure',
  'Inherited the house through probate, live out of state',
  'Relocating for a new job next month',
  'Going through a divorce, want a quick sale',
  'Tired landlord, tenants left the place needing repairs',
];
const CALM_MOTIVATIONS = [
  'Curious what the house is worth',
  'Might sell next year if the price is right',
  'Thinking about downsizing eventually',
];
// Worst first, as the history was first drawn, so a seed keeps giving the same leads.
const CONDITIONS = [...PROPERTY_CONDITIONS].reverse();
const SOURCES = ['web_form', 'referral', 'csv_import', 'api'];
const STREETS = ['Oak St', 'Maple Ave', 'Cedar Ln', 'Pine Rd', 'Elm Dr', 'Birch Way', 'Walnut Ct'];
const CITIES = [
  ['Austin', 'TX', '787'],
  ['Phoenix', 'AZ', '850'],
  ['Columbus', 'OH', '432'],
  ['Tampa', 'FL', '336'],
] as const;
const FIRST_NAMES = ['Maria', 'James', 'Aisha', 'Robert', 'Linda', 'Wei', 'Carlos', 'Grace', 'Omar', 'Ellen'];
const LAST_NAMES = ['Garcia', 'Johnson', 'Okafor', 'Smith', 'Nguyen', 'Miller', 'Lopez', 'Brown', 'Haddad'];

const DAY_MS = 86_400_000;

/** mulberry32: a small seeded PRNG, so the same seed gives the same history. */
function seeded(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]!;
  return { next, pick, between: (low: number, high: number) => low + next() * (high - low) };
}

/** Rows for `leads` (without ids and organisation), each closed as converted or lost. */
export function generateLeadHistory({
  count,
  seed,
  now,
}: LeadHistoryOptions): Omit<HistoricalLead, 'id' | 'organizationId'>[] {
  const random = seeded(seed);
  return Array.from({ length: count }, (_, index) => {
    const estimated = Math.round(random.between(150_000, 600_000) / 1000) * 1000;
    const discount = random.between(-0.1, 0.35);
    const urgent = random.next() < 0.5;
    const hasPhone = random.next() < 0.7;
    const condition = random.pick(CONDITIONS);
    const [city, state, zipPrefix] = random.pick(CITIES);
    const first = random.pick(FIRST_NAMES);
    const last = random.pick(LAST_NAMES);
    const odds =
      -2 +
      8 * discount +
      1.5 * (urgent ? 1 : 0) +
      0.8 * (hasPhone ? 1 : 0) +
      (condition === 'distressed' ? 0.7 : 0);
    const converted = random.next() < 1 / (1 + Math.exp(-odds));
    const createdAt = new Date(now.getTime() - random.between(14, 365) * DAY_MS);
    return {
      source: random.pick(SOURCES),
      status: converted ? 'converted' : 'lost',
      priority: urgent ? 'high' : 'medium',
      contactName: `${first} ${last}`,
      contactEmail: `${first}.${last}.${seed}.${index}@example.com`.toLowerCase(),
      contactPhone: hasPhone ? `+1512555${String(1000 + (index % 9000)).padStart(4, '0')}` : null,
      property: {
        address: `${100 + index} ${random.pick(STREETS)}`,
        city,
        state,
        zip: `${zipPrefix}${String(index % 100).padStart(2, '0')}`,
        property_type: 'single_family',
        bedrooms: Math.round(random.between(2, 5)),
        bathrooms: Math.round(random.between(1, 3)),
        sqft: Math.round(random.between(900, 3200)),
        year_built: Math.round(random.between(1940, 2015)),
        estimated_value: estimated,
        asking_price: Math.round((estimated * (1 - discount)) / 1000) * 1000,
        condition,
      },
      motivation: urgent ? random.pick(URGENT_MOTIVATIONS) : random.pick(CALM_MOTIVATIONS),
      createdAt,
      updatedAt: new Date(createdAt.getTime() + random.between(3, 60) * DAY_MS),
      lastContactedAt: new Date(createdAt.getTime() + random.between(0.1, 3) * DAY_MS),
    };
  });
}

/** Inserts a generated history into the organisation; returns how many leads converted and were lost. */
export async function insertLeadHistory(
  db: Executor,
  organizationId: string,
  history: Omit<HistoricalLead, 'id' | 'organizationId'>[],
  newId: () => string,
): Promise<{ converted: number; lost: number }> {
  await db.insert(leads).values(history.map((lead) => ({ ...lead, id: newId(), organizationId })));
  const converted = history.filter((lead) => lead.status === 'converted').length;
  return { converted, lost: history.length - converted };
}
