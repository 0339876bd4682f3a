import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { brrrrInputRule } from '../../src/analysis/brrrr.js';
import { flipInputRule } from '../../src/analysis/flip.js';
import { AnalysisInputError, analyzeRental } from '../../src/analysis/index.js';
import { loanInputRule } from '../../src/analysis/loan.js';
import { readInput } from '../../src/analysis/read-input.js';
import { rentalInputRule } from '../../src/analysis/rental.js';
import type { NumberRule, ObjectRule } from '../../src/analysis/rules.js';
import { wholesaleInputRule } from '../../src/analysis/wholesale.js';
import { BrrrrInput, FlipInput, LoanInput, RentalInput, WholesaleInput } from '../../src/schemas/index.js';

const junk = fc.constantFrom<unknown>(
  -1,
  -0.5,
  0.5,
  1.5,
  2,
  1e13,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  '1',
  null,
  {},
  [],
);

/** Values for one rule: mostly in range, sometimes just outside it or of the wrong type. */
function valueFor(rule: NumberRule | ObjectRule): fc.Arbitrary<unknown> {
  if (rule.kind === 'number') {
    const inRange = rule.integer
      ? fc.integer({ min: rule.min, max: Math.min(rule.max, 2_000_000) })
      : fc.double({ min: rule.min, max: rule.max, noNaN: true });
    return fc.oneof({ arbitrary: inRange, weight: 6 }, { arbitrary: junk, weight: 1 });
  }
  const fields = Object.fromEntries(
    Object.entries(rule.fields).map(([key, field]) => [key, valueFor(field)]),
  );
  const object = fc
    .tuple(
      fc.record(fields, { requiredKeys: [] }),
      fc.option(fc.constantFrom('bogus', 'rate', 'arv'), { freq: 8 }),
    )
    .map(([value, extra]) => (extra ? { ...value, [extra]: 1 } : value));
  return fc.oneof({ arbitrary: object, weight: 8 }, { arbitrary: junk, weight: 1 });
}

const pairs = [
  ['loan', loanInputRule, LoanInput],
  ['rental', rentalInputRule, RentalInput],
  ['flip', flipInputRule, FlipInput],
  ['brrrr', brrrrInputRule, BrrrrInput],
  ['wholesale', wholesaleInputRule, WholesaleInput],
] as const;

describe('analysis inputs checked by hand', () => {
  for (const [kind, rule, schema] of pairs) {
    it(`accept and fill in exactly what the zod schema does (${kind})`, () => {
      fc.assert(
        fc.property(valueFor(rule), (input) => {
          const parsed = schema.safeParse(input);
          let read: unknown;
          let error: unknown;
          try {
            read = readInput(rule, input);
          } catch (caught) {
            error = caught;
          }
          if (parsed.success) expect(read).toEqual(parsed.data);
          else expect(error).toBeInstanceOf(AnalysisInputError);
        }),
        { numRuns: 400 },
      );
    });
  }

  it('report every problem with its path', () => {
    const error = (() => {
      try {
        analyzeRental({ vacancy_rate: 5, loan: { amount: 1, ltv: 0.5 }, rent: 1 } as never);
      } catch (caught) {
        return caught as AnalysisInputError;
      }
    })();
    expect(error).toBeInstanceOf(RangeError);
    expect(error?.issues.map((issue) => issue.path.join('.'))).toEqual(['rent', 'loan.ltv', 'vacancy_rate']);
    expect(error?.message).toContain('vacancy_rate: Expected a number from 0 to 1, got 5');
  });

  it('says a number written as a string is a string', () => {
    expect(() => analyzeRental({ purchase_price: '200000' } as never)).toThrow(
      'purchase_price: Expected a finite number, got the string "200000"',
    );
  });
});
