import type { Sale } from './comparable-sales.js';

/** What is known of the property to value; any field may be missing. */
export interface Subject {
  city?: string | null;
  state?: string | null;
  zip?: string | null;
  bedrooms?: number | null;
  bathrooms?: number | null;
  sqft?: number | null;
  year_built?: number | null;
  property_type?: string | null;
}

export interface Comparable extends Sale {
  /** How unlike the subject it is (0 = the same facts); the comps are the smallest. */
  distance: number;
}

export interface ValueEstimate {
  value: number;
  /** The 25th and 75th percentiles of what the comps say the subject is worth. */
  low: number;
  high: number;
  /** `price_per_sqft` (comps' median $/sqft × the subject's sqft) or `median_price` without sqft. */
  method: 'price_per_sqft' | 'median_price';
  /** Where the comps were looked for: the zip, else the city, else the state. */
  area: { level: 'zip' | 'city' | 'state'; name: string };
  comps: Comparable[];
}

export const COMPS = 15;
/** Fewer sales than this in the zip, and the city is searched instead (then the state). */
const MIN_AREA_SALES = 15;

const normal = (text: string | null | undefined) => text?.trim().toLowerCase() || null;

/**
 * How unlike two homes are. Size counts most (by ratio, so 1,000 vs 1,200 sqft is as far as
 * 2,000 vs 2,400), then age, then rooms; a fact missing on either side adds a fixed penalty, so a
 * comp with the fact known and close beats one where it is unknown.
 */
function distance(subject: Subject, sale: Sale) {
  let total = 0;
  const part = (known: boolean, gap: () => number, weight: number, missing: number) => {
    total += known ? weight * gap() : missing;
  };
  part(Boolean(subject.sqft && sale.sqft), () => Math.abs(Math.log(subject.sqft! / sale.sqft!)), 4, 0.8);
  part(
    subject.year_built != null && sale.year_built != null,
    () => Math.abs(subject.year_built! - sale.year_built!) / 10,
    0.6,
    0.3,
  );
  part(
    subject.bedrooms != null && sale.bedrooms != null,
    () => Math.abs(subject.bedrooms! - sale.bedrooms!),
    0.25,
    0.2,
  );
  part(
    subject.bathrooms != null && sale.bathrooms != null,
    () => Math.abs(subject.bathrooms! - sale.bathrooms!),
    0.3,
    0.2,
  );
  if (subject.property_type && sale.property_type && subject.property_type !== sale.property_type)
    total += 0.5;
  return total;
}

function quantile(sorted: number[], q: number) {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

function area(subject: Subject, sales: readonly Sale[]) {
  const [zip, city, state] = [normal(subject.zip), normal(subject.city), normal(subject.state)];
  const inZip = zip ? sales.filter((sale) => sale.zip === zip) : [];
  if (inZip.length >= MIN_AREA_SALES) return { level: 'zip' as const, name: subject.zip!, sales: inZip };
  const inCity = city
    ? sales.filter((sale) => normal(sale.city) === city && (!state || normal(sale.state) === state))
    : [];
  if (inCity.length >= MIN_AREA_SALES) return { level: 'city' as const, name: subject.city!, sales: inCity };
  const inState = state ? sales.filter((sale) => normal(sale.state) === state) : [];
  if (inState.length >= MIN_AREA_SALES)
    return { level: 'state' as const, name: subject.state!, sales: inState };
  return null;
}

/**
 * A value from the nearest comparable sales in the subject's area, or null when the area has too
 * few sales (the shipped data covers the Sacramento area and Ames only).
 */
export function estimateValue(subject: Subject, sales: readonly Sale[], comps = COMPS): ValueEstimate | null {
  const found = area(subject, sales);
  if (!found) return null;
  const bySqft = Boolean(subject.sqft && subject.sqft > 0);
  const nearest: Comparable[] = found.sales
    .filter((sale) => !bySqft || (sale.sqft && sale.sqft > 0))
    .map((sale) => ({ sale, distance: distance(subject, sale) }))
    .sort((a, b) => a.distance - b.distance)
    .slice(0, comps)
    .map(({ sale, distance }) => ({ ...sale, distance }));
  if (nearest.length === 0) return null;
  const implied = nearest
    .map((sale) => (bySqft ? (sale.price / sale.sqft!) * subject.sqft! : sale.price))
    .sort((a, b) => a - b);
  return {
    value: Math.round(quantile(implied, 0.5)),
    low: Math.round(quantile(implied, 0.25)),
    high: Math.round(quantile(implied, 0.75)),
    method: bySqft ? 'price_per_sqft' : 'median_price',
    area: { level: found.level, name: found.name },
    comps: nearest,
  };
}
