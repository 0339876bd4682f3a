import fc from 'fast-check';

/** Generators for the analysis inputs, spanning the whole range the schemas accept. */

const edgeMoney = fc.constantFrom(0, 0.01, 1, 1e12);
/** Money as people enter it most of the time, plus the edges of the schema. */
export const money = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 2_000_000 }), weight: 4 },
  { arbitrary: fc.double({ min: 0, max: 1e12, noNaN: true }), weight: 2 },
  { arbitrary: edgeMoney, weight: 1 },
);

/** A fraction 0..1, with tiny values and the ends well represented. */
export const rate = fc.oneof(
  { arbitrary: fc.double({ min: 0, max: 1, noNaN: true }), weight: 4 },
  { arbitrary: fc.constantFrom(0, 1e-12, 1e-6, 0.065, 1), weight: 1 },
);

export const growthRate = fc.oneof(
  { arbitrary: fc.double({ min: -1, max: 1, noNaN: true }), weight: 3 },
  { arbitrary: fc.constantFrom(-1, 0, 0.03), weight: 1 },
);

export const termMonths = fc.oneof(fc.integer({ min: 1, max: 480 }), fc.constantFrom(1, 360, 1200));

const loanSize = fc.oneof(fc.record({ amount: money }), fc.record({ ltv: rate }), fc.constant({}));

export const loan = termMonths.chain((term_months) =>
  fc
    .tuple(
      loanSize,
      fc.record(
        {
          annual_rate: rate,
          points: rate,
          interest_only_months: fc.integer({ min: 0, max: term_months - 1 }),
        },
        { requiredKeys: ['annual_rate'] },
      ),
    )
    .map(([size, terms]) => ({ ...size, ...terms, term_months })),
);

export const expenses = fc.record(
  {
    property_tax: money,
    insurance: money,
    hoa: money,
    utilities: money,
    maintenance: money,
    other: money,
    management_rate: rate,
    maintenance_rate: rate,
    capex_rate: rate,
  },
  { requiredKeys: [] },
);

export const rentalOperations = {
  monthly_rent: money,
  other_monthly_income: money,
  vacancy_rate: rate,
  expenses,
  hold_years: fc.oneof(fc.integer({ min: 0, max: 40 }), fc.constantFrom(1, 100)),
  appreciation_rate: growthRate,
  rent_growth_rate: growthRate,
  expense_growth_rate: growthRate,
  selling_cost_rate: rate,
};

export const rentalInput = fc.record(
  { purchase_price: money, closing_costs: money, rehab_cost: money, loan, ...rentalOperations },
  { requiredKeys: [] },
);

export const purchaseLoan = loan.chain((base) =>
  fc.record({ rehab_ltv: rate }).map((extra) => ({ ...base, ...extra })),
);

const purchase = {
  purchase_price: money,
  closing_costs: money,
  rehab_cost: money,
  months_held: fc.oneof(fc.integer({ min: 0, max: 36 }), fc.constantFrom(0, 1, 1200)),
  loan: purchaseLoan,
  after_repair_value: money,
};

export const flipInput = fc.record(
  { ...purchase, holding_costs_monthly: money, selling_cost_rate: rate, mao_rate: rate },
  { requiredKeys: [] },
);

const refinanceClosing = fc.oneof(
  fc.record({ closing_costs: money }),
  fc.record({ closing_cost_rate: rate }),
  fc.constant({}),
);

export const refinance = fc
  .tuple(
    refinanceClosing,
    fc.record({ ltv: rate, annual_rate: rate, term_months: termMonths }, { requiredKeys: ['term_months'] }),
  )
  .map(([closing, terms]) => ({ ...closing, ...terms }));

export const brrrrInput = fc.record(
  { ...purchase, holding_costs: money, refinance, ...rentalOperations },
  { requiredKeys: [] },
);

export const wholesaleInput = fc.record(
  { after_repair_value: money, rehab_cost: money, assignment_fee: money, mao_rate: rate },
  { requiredKeys: [] },
);

/** Paths of every number in `value` that is NaN or infinite. */
export function nonFiniteNumbers(value: unknown, path = '$'): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [path];
  if (Array.isArray(value)) return value.flatMap((item, i) => nonFiniteNumbers(item, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => nonFiniteNumbers(item, `${path}.${key}`));
  }
  return [];
}
