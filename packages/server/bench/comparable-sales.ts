import { type Sale, shippedSales } from '../src/services/enrichment/comparable-sales.js';
import { estimateValue } from '../src/services/enrichment/estimate-value.js';

/**
 * Value-estimate error of the built-in comparable-sales provider on held-out real sales (every 5th
 * sale of the shipped modeldata tables, valued from the other 80 %), next to the baseline of the
 * city's median price per square foot × the home's sqft. The subject's own zip, city, beds, baths,
 * sqft, year and type are what the provider sees, as it would on a lead.
 */
const sales = shippedSales();
const heldOut = sales.filter((_, index) => index % 5 === 0);
const training = sales.filter((_, index) => index % 5 !== 0);

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return sorted.length % 2 ? sorted[Math.floor(middle)]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const cityPpsf = new Map<string, number>();
for (const city of new Set(training.map((sale) => sale.city))) {
  const ppsf = training
    .filter((sale) => sale.city === city && sale.sqft)
    .map((sale) => sale.price / sale.sqft!);
  if (ppsf.length) cityPpsf.set(city, median(ppsf));
}

function evaluate(label: string, subjects: Sale[]) {
  const comps: number[] = [];
  const baseline: number[] = [];
  let unvalued = 0;
  for (const sale of subjects) {
    const { price, ...facts } = sale;
    const estimate = estimateValue(facts, training);
    const ppsf = cityPpsf.get(sale.city);
    if (!estimate || !ppsf || !sale.sqft) {
      unvalued++;
      continue;
    }
    comps.push(Math.abs(estimate.value - price) / price);
    baseline.push(Math.abs(ppsf * sale.sqft - price) / price);
  }
  const pct = (value: number) => `${(value * 100).toFixed(1)} %`;
  console.log(
    `${label.padEnd(22)} n=${String(comps.length).padStart(4)}  comps MdAPE ${pct(median(comps)).padStart(7)}   city median $/sqft MdAPE ${pct(median(baseline)).padStart(7)}${unvalued ? `   (${unvalued} not valued)` : ''}`,
  );
}

console.log('Comparable-sales value estimates on held-out real sales (modeldata Sacramento + Ames, MIT)');
evaluate('all held-out', heldOut);
evaluate(
  'Sacramento area, CA',
  heldOut.filter((sale) => sale.state === 'CA'),
);
evaluate(
  'Ames, IA',
  heldOut.filter((sale) => sale.state === 'IA'),
);
