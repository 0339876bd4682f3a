import { describe, expect, it } from 'vitest';
import { type Sale, shippedSales } from './comparable-sales.js';
import { COMPS, estimateValue } from './estimate-value.js';

const sales = shippedSales();
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe('estimateValue on the shipped real sales', () => {
  it('ships the modeldata tables whole: 932 Sacramento-area and 2,930 Ames sales', () => {
    expect(sales.filter((sale) => sale.state === 'CA')).toHaveLength(932);
    expect(sales.filter((sale) => sale.state === 'IA')).toHaveLength(2_930);
    expect(sales.every((sale) => sale.price > 0)).toBe(true);
  });

  it('values a home from its nearest comps in the same zip, with a range and the comps used', () => {
    const estimate = estimateValue(
      { city: 'Sacramento', state: 'CA', zip: '95823', bedrooms: 3, bathrooms: 2, sqft: 1_300 },
      sales,
    )!;
    expect(estimate.area).toEqual({ level: 'zip', name: '95823' });
    expect(estimate.method).toBe('price_per_sqft');
    expect(estimate.comps).toHaveLength(COMPS);
    expect(estimate.comps.every((comp) => comp.zip === '95823')).toBe(true);
    expect(estimate.low).toBeLessThanOrEqual(estimate.value);
    expect(estimate.value).toBeLessThanOrEqual(estimate.high);
    const distances = estimate.comps.map((comp) => comp.distance);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
  });

  it('falls back to the city, to the median price without sqft, and to nothing outside the data', () => {
    const ames = estimateValue({ city: 'ames', state: 'IA', bedrooms: 3 }, sales)!;
    expect(ames.area).toEqual({ level: 'city', name: 'ames' });
    expect(ames.method).toBe('median_price');
    expect(estimateValue({ city: 'Boise', state: 'ID', sqft: 1_500 }, sales)).toBeNull();
    expect(estimateValue({}, sales)).toBeNull();
  });

  it('beats the city median price per sqft on held-out sales (the bench prints the figures)', () => {
    const heldOut = sales.filter((_, index) => index % 20 === 0);
    const training = sales.filter((_, index) => index % 20 !== 0);
    const cityPpsf = new Map<string, number>();
    const ppsf = (city: string) => {
      if (!cityPpsf.has(city)) {
        cityPpsf.set(
          city,
          median(training.filter((s) => s.city === city && s.sqft).map((s) => s.price / s.sqft!)),
        );
      }
      return cityPpsf.get(city)!;
    };
    const errors = { comps: [] as number[], baseline: [] as number[] };
    for (const sale of heldOut as Sale[]) {
      const { price, ...facts } = sale;
      const estimate = estimateValue(facts, training);
      if (!estimate || !sale.sqft) continue;
      errors.comps.push(Math.abs(estimate.value - price) / price);
      errors.baseline.push(Math.abs(ppsf(sale.city) * sale.sqft - price) / price);
    }
    expect(errors.comps.length).toBeGreaterThan(180);
    expect(median(errors.comps)).toBeLessThan(median(errors.baseline));
  });
});
