import { describe, expect, it } from 'vitest';
import { analyzeRental, sensitivityGrid, sensitivityRange } from '../../src/analysis/index.js';
import { SensitivityGrid } from '../../src/schemas/index.js';

describe('sensitivityRange', () => {
  it('spreads evenly around the centre', () => {
    const values = sensitivityRange(200_000, 0.2, 11);
    expect(values).toHaveLength(11);
    expect(values[0]).toBeCloseTo(160_000, 9);
    expect(values[5]).toBeCloseTo(200_000, 9);
    expect(values[10]).toBeCloseTo(240_000, 9);
    expect(values[1]! - values[0]!).toBeCloseTo(8000, 9);
    expect(sensitivityRange(5, 0.5, 1)).toEqual([5]);
    expect(() => sensitivityRange(5, 0.5, 0)).toThrow(RangeError);
  });
});

describe('sensitivityGrid', () => {
  const base = {
    purchase_price: 200_000,
    closing_costs: 5000,
    loan: { ltv: 0.8, annual_rate: 0.065 },
    monthly_rent: 2000,
    expenses: { property_tax: 2400, insurance: 1200 },
  };
  const prices = sensitivityRange(base.purchase_price);
  const rents = sensitivityRange(base.monthly_rent);
  const grid = sensitivityGrid(
    prices,
    rents,
    (purchase_price, monthly_rent) => analyzeRental({ ...base, purchase_price, monthly_rent }).cash_on_cash,
  );

  it('evaluates every price × rent pair, rows by price and columns by rent', () => {
    expect(SensitivityGrid.parse(grid)).toEqual(grid);
    expect(grid.cells).toHaveLength(11);
    expect(grid.cells[3]![7]).toBe(
      analyzeRental({ ...base, purchase_price: prices[3]!, monthly_rent: rents[7]! }).cash_on_cash,
    );
    expect(grid.cells[5]![5]).toBe(analyzeRental(base).cash_on_cash);
  });

  it('rises with rent and falls with price, and reports its range for a colour scale', () => {
    expect(grid.cells[0]![10]).toBe(grid.max);
    expect(grid.cells[10]![0]).toBe(grid.min);
    expect(grid.cells[5]![6]!).toBeGreaterThan(grid.cells[5]![5]!);
  });

  it('turns missing or non-finite values into null and ignores them in the range', () => {
    const sparse = sensitivityGrid([1, 2], [1, 2], (row, column) =>
      row === 1 ? null : column === 1 ? Number.POSITIVE_INFINITY : row * column,
    );
    expect(sparse.cells).toEqual([
      [null, null],
      [null, 4],
    ]);
    expect([sparse.min, sparse.max]).toEqual([4, 4]);
    expect(sensitivityGrid([1], [1], () => null)).toMatchObject({ min: null, max: null });
  });
});
