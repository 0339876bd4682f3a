import { COMPARABLE_SALES_CSV } from './comparable-sales.data.js';

/** One recorded sale (see COMPARABLE-SALES.md for where the shipped ones come from). */
export interface Sale {
  city: string;
  state: string;
  zip: string | null;
  bedrooms: number | null;
  bathrooms: number | null;
  sqft: number | null;
  year_built: number | null;
  property_type: string | null;
  price: number;
}

const numberOrNull = (text: string) => (text === '' ? null : Number(text));

/** Reads the generated table: plain comma-separated values, no quoting (the builder writes none). */
export function parseSales(csv: string): Sale[] {
  const [header, ...lines] = csv.trim().split('\n');
  const columns = header!.split(',');
  return lines.map((line) => {
    const cells = Object.fromEntries(line.split(',').map((cell, index) => [columns[index], cell]));
    return {
      city: cells.city!,
      state: cells.state!,
      zip: cells.zip || null,
      bedrooms: numberOrNull(cells.bedrooms!),
      bathrooms: numberOrNull(cells.bathrooms!),
      sqft: numberOrNull(cells.sqft!),
      year_built: numberOrNull(cells.year_built!),
      property_type: cells.property_type || null,
      price: Number(cells.price),
    };
  });
}

let shipped: Sale[] | undefined;

/** The sales shipped with the server, parsed once. */
export const shippedSales = () => {
  shipped ??= parseSales(COMPARABLE_SALES_CSV);
  return shipped;
};
