import type { BrrrrInput, FlipInput, RentalInput, WholesaleInput } from '@hidden-key/sdk/analysis';

import { ANALYSIS_KINDS } from '@hidden-key/sdk/schemas/lists';

/** The calculator's strategies are the contract's analysis kinds, in its order. */
export const strategies = ANALYSIS_KINDS;
export type Strategy = (typeof strategies)[number];

/** How a field is typed and shown: dollars, a percentage (stored as a fraction), or a count. */
export type FieldKind = 'money' | 'percent' | 'months' | 'years';

export interface FieldSpec {
  key: FieldKey;
  kind: FieldKind;
  min: number;
  max: number;
}

export type FieldKey =
  | 'purchase_price'
  | 'closing_costs'
  | 'rehab_cost'
  | 'after_repair_value'
  | 'months_held'
  | 'holding_costs_monthly'
  | 'holding_costs'
  | 'ltv'
  | 'rehab_ltv'
  | 'annual_rate'
  | 'term_years'
  | 'points'
  | 'refinance_ltv'
  | 'refinance_rate'
  | 'refinance_term_years'
  | 'refinance_closing_cost_rate'
  | 'monthly_rent'
  | 'other_monthly_income'
  | 'vacancy_rate'
  | 'property_tax'
  | 'insurance'
  | 'hoa'
  | 'utilities'
  | 'maintenance'
  | 'other_expenses'
  | 'management_rate'
  | 'maintenance_rate'
  | 'capex_rate'
  | 'hold_years'
  | 'appreciation_rate'
  | 'rent_growth_rate'
  | 'expense_growth_rate'
  | 'selling_cost_rate'
  | 'mao_rate'
  | 'assignment_fee';

export type GroupKey =
  | 'purchase'
  | 'financing'
  | 'refinance'
  | 'income'
  | 'expenses'
  | 'projection'
  | 'sale'
  | 'deal';

/** The numbers of one scenario: money in dollars, percentages as fractions, terms in years. */
export type Values = Partial<Record<FieldKey, number>>;

const money = (key: FieldKey): FieldSpec => ({ key, kind: 'money', min: 0, max: 1e12 });
const percent = (key: FieldKey): FieldSpec => ({ key, kind: 'percent', min: 0, max: 1 });
const growth = (key: FieldKey): FieldSpec => ({ key, kind: 'percent', min: -1, max: 1 });
const months = (key: FieldKey, max = 1200): FieldSpec => ({ key, kind: 'months', min: 0, max });
const years = (key: FieldKey, min: number): FieldSpec => ({ key, kind: 'years', min, max: 100 });

const rentalOperations: { group: GroupKey; fields: FieldSpec[] }[] = [
  {
    group: 'income',
    fields: [money('monthly_rent'), money('other_monthly_income'), percent('vacancy_rate')],
  },
  {
    group: 'expenses',
    fields: [
      money('property_tax'),
      money('insurance'),
      money('hoa'),
      money('utilities'),
      money('maintenance'),
      money('other_expenses'),
      percent('management_rate'),
      percent('maintenance_rate'),
      percent('capex_rate'),
    ],
  },
  {
    group: 'projection',
    fields: [
      years('hold_years', 0),
      growth('appreciation_rate'),
      growth('rent_growth_rate'),
      growth('expense_growth_rate'),
      percent('selling_cost_rate'),
    ],
  },
];

const purchaseLoan = [percent('ltv'), percent('rehab_ltv'), percent('annual_rate'), percent('points')];

/** The inputs of each strategy, in the order and groups they are shown. */
export const strategyFields: Record<Strategy, { group: GroupKey; fields: FieldSpec[] }[]> = {
  rental: [
    { group: 'purchase', fields: [money('purchase_price'), money('closing_costs'), money('rehab_cost')] },
    {
      group: 'financing',
      fields: [percent('ltv'), percent('annual_rate'), years('term_years', 1), percent('points')],
    },
    ...rentalOperations,
  ],
  flip: [
    {
      group: 'purchase',
      fields: [
        money('purchase_price'),
        money('closing_costs'),
        money('rehab_cost'),
        money('holding_costs_monthly'),
        months('months_held', 120),
      ],
    },
    { group: 'financing', fields: purchaseLoan },
    {
      group: 'sale',
      fields: [money('after_repair_value'), percent('selling_cost_rate'), percent('mao_rate')],
    },
  ],
  brrrr: [
    {
      group: 'purchase',
      fields: [
        money('purchase_price'),
        money('closing_costs'),
        money('rehab_cost'),
        money('holding_costs'),
        months('months_held', 120),
        money('after_repair_value'),
      ],
    },
    { group: 'financing', fields: purchaseLoan },
    {
      group: 'refinance',
      fields: [
        percent('refinance_ltv'),
        percent('refinance_rate'),
        years('refinance_term_years', 1),
        percent('refinance_closing_cost_rate'),
      ],
    },
    ...rentalOperations,
  ],
  wholesale: [
    {
      group: 'deal',
      fields: [
        money('after_repair_value'),
        money('rehab_cost'),
        money('assignment_fee'),
        percent('mao_rate'),
      ],
    },
  ],
};

const rentalDefaults: Values = {
  monthly_rent: 2200,
  other_monthly_income: 0,
  vacancy_rate: 0.05,
  property_tax: 3000,
  insurance: 1200,
  hoa: 0,
  utilities: 0,
  maintenance: 0,
  other_expenses: 0,
  management_rate: 0.08,
  maintenance_rate: 0.05,
  capex_rate: 0.05,
  hold_years: 10,
  appreciation_rate: 0.03,
  rent_growth_rate: 0.02,
  expense_growth_rate: 0.02,
  selling_cost_rate: 0.06,
};

/** Sensible starting numbers for each strategy: a typical deal of its kind. */
export const defaultValues: Record<Strategy, Values> = {
  rental: {
    purchase_price: 250_000,
    closing_costs: 6000,
    rehab_cost: 0,
    ltv: 0.8,
    annual_rate: 0.065,
    term_years: 30,
    points: 0,
    ...rentalDefaults,
  },
  flip: {
    purchase_price: 180_000,
    closing_costs: 4000,
    rehab_cost: 45_000,
    holding_costs_monthly: 1200,
    months_held: 6,
    ltv: 0.9,
    rehab_ltv: 1,
    annual_rate: 0.12,
    points: 0.02,
    after_repair_value: 320_000,
    selling_cost_rate: 0.08,
    mao_rate: 0.7,
  },
  brrrr: {
    purchase_price: 120_000,
    closing_costs: 3500,
    rehab_cost: 35_000,
    holding_costs: 4000,
    months_held: 5,
    after_repair_value: 215_000,
    ltv: 0.85,
    rehab_ltv: 1,
    annual_rate: 0.11,
    points: 0.02,
    refinance_ltv: 0.75,
    refinance_rate: 0.07,
    refinance_term_years: 30,
    refinance_closing_cost_rate: 0.02,
    ...rentalDefaults,
    monthly_rent: 1750,
    property_tax: 2400,
    insurance: 1100,
  },
  wholesale: { after_repair_value: 250_000, rehab_cost: 40_000, assignment_fee: 10_000, mao_rate: 0.7 },
};

export function fieldsOf(strategy: Strategy): FieldSpec[] {
  return strategyFields[strategy].flatMap((group) => group.fields);
}

/**
 * Where a box's number sits in an SDK input, and its unit there (terms travel in months): at the
 * top under the box's own name unless listed here.
 */
const nestedPaths: Partial<Record<FieldKey, { path: readonly string[]; scale?: number }>> = {
  ltv: { path: ['loan', 'ltv'] },
  rehab_ltv: { path: ['loan', 'rehab_ltv'] },
  annual_rate: { path: ['loan', 'annual_rate'] },
  term_years: { path: ['loan', 'term_months'], scale: 12 },
  points: { path: ['loan', 'points'] },
  refinance_ltv: { path: ['refinance', 'ltv'] },
  refinance_rate: { path: ['refinance', 'annual_rate'] },
  refinance_term_years: { path: ['refinance', 'term_months'], scale: 12 },
  refinance_closing_cost_rate: { path: ['refinance', 'closing_cost_rate'] },
  property_tax: { path: ['expenses', 'property_tax'] },
  insurance: { path: ['expenses', 'insurance'] },
  hoa: { path: ['expenses', 'hoa'] },
  utilities: { path: ['expenses', 'utilities'] },
  maintenance: { path: ['expenses', 'maintenance'] },
  other_expenses: { path: ['expenses', 'other'] },
  management_rate: { path: ['expenses', 'management_rate'] },
  maintenance_rate: { path: ['expenses', 'maintenance_rate'] },
  capex_rate: { path: ['expenses', 'capex_rate'] },
};

const inputPath = (key: FieldKey) => nestedPaths[key] ?? { path: [key] };

/** What an empty box means where 0 would not do: a 30-year term, the 70 % rule. */
const emptyMeans: Values = { term_years: 30, refinance_term_years: 30, mao_rate: 0.7 };

/** A strategy's SDK input, each box's number written at its place (`inputPath`). */
function inputOf(strategy: Strategy, values: Values): unknown {
  const input: Record<string, unknown> = {};
  for (const { key } of fieldsOf(strategy)) {
    const { path, scale = 1 } = inputPath(key);
    let node = input;
    for (const step of path.slice(0, -1)) {
      node[step] ??= {};
      node = node[step] as Record<string, unknown>;
    }
    node[path[path.length - 1] as string] = (values[key] ?? emptyMeans[key] ?? 0) * scale;
  }
  return input;
}

/** The SDK input of each strategy, built from the form's numbers; `fromInput` reads it back. */
export const toInput = {
  rental: (values: Values) => inputOf('rental', values) as RentalInput,
  flip: (values: Values) => inputOf('flip', values) as FlipInput,
  brrrr: (values: Values) => inputOf('brrrr', values) as BrrrrInput,
  wholesale: (values: Values) => inputOf('wholesale', values) as WholesaleInput,
};

/**
 * The boxes' numbers read back from a saved SDK input (an opportunity's `analysis.input`), the
 * inverse of `toInput`. A saved analysis is JSON from the server, so anything missing, not a
 * number or out of a box's range keeps the strategy's default.
 */
export function fromInput(strategy: Strategy, input: unknown): Values {
  const values: Values = { ...defaultValues[strategy] };
  for (const field of fieldsOf(strategy)) {
    const { path, scale = 1 } = inputPath(field.key);
    let node: unknown = input;
    for (const key of path)
      node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
    if (typeof node !== 'number' || !Number.isFinite(node)) continue;
    const value = node / scale;
    if (value >= field.min && value <= field.max) values[field.key] = value;
  }
  return values;
}
