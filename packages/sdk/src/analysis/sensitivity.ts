import type { SensitivityGrid } from '../schemas/analysis/outputs.js';
import { assertFinite } from './numeric.js';

export type { SensitivityGrid };

/**
 * `steps` evenly spaced values from `center × (1 − spread)` to `center × (1 + spread)`, `center`
 * in the middle when `steps` is odd: `sensitivityRange(200_000, 0.2, 11)` runs from 160,000 to
 * 240,000 in steps of 8,000.
 */
export function sensitivityRange(center: number, spread = 0.2, steps = 11): number[] {
  assertFinite('center', center);
  assertFinite('spread', spread);
  if (!Number.isInteger(steps) || steps < 1)
    throw new RangeError(`steps must be a whole number >= 1, got ${steps}`);
  if (steps === 1) return [center];
  return Array.from({ length: steps }, (_, i) => center * (1 - spread + (2 * spread * i) / (steps - 1)));
}

/**
 * A metric evaluated at every pair of row and column values, e.g. cash-on-cash over purchase
 * price × rent: `sensitivityGrid(prices, rents, (price, rent) =>
 * analyzeRental({ ...input, purchase_price: price, monthly_rent: rent }).cash_on_cash)`.
 * Non-finite results become `null`.
 */
export function sensitivityGrid(
  row_values: readonly number[],
  column_values: readonly number[],
  metric: (row: number, column: number) => number | null,
): SensitivityGrid {
  let min: number | null = null;
  let max: number | null = null;
  const cells = row_values.map((row) =>
    column_values.map((column) => {
      const value = metric(row, column);
      if (value === null || !Number.isFinite(value)) return null;
      if (min === null || value < min) min = value;
      if (max === null || value > max) max = value;
      return value;
    }),
  );
  return { row_values: [...row_values], column_values: [...column_values], cells, min, max };
}
