import { BrrrrInput, FlipInput, RentalInput, WholesaleInput } from '@hidden-key/sdk/schemas';
import { expect } from '@open-wc/testing';
import { defaultValues, fieldsOf, fromInput, strategies, toInput } from './calculator-fields.js';

const schemas = { rental: RentalInput, flip: FlipInput, brrrr: BrrrrInput, wholesale: WholesaleInput };

describe('calculator fields', () => {
  it('turn every strategy default into a valid SDK input', () => {
    for (const strategy of strategies) {
      const input = toInput[strategy](defaultValues[strategy]);
      expect(schemas[strategy].safeParse(input).success, strategy).to.equal(true);
    }
  });

  it('give every field a default and send every field to the SDK input', () => {
    for (const strategy of strategies) {
      const base = JSON.stringify(toInput[strategy](defaultValues[strategy]));
      for (const field of fieldsOf(strategy)) {
        const value = defaultValues[strategy][field.key];
        expect(value, `${strategy}.${field.key}`).to.be.a('number');
        const changed = {
          ...defaultValues[strategy],
          [field.key]: value === field.min ? field.min + 1 : field.min,
        };
        expect(JSON.stringify(toInput[strategy](changed)), `${strategy}.${field.key}`).not.to.equal(base);
      }
    }
  });

  it('read loan terms in years', () => {
    const input = toInput.rental({ ...defaultValues.rental, term_years: 15 });
    expect(input.loan?.term_months).to.equal(180);
    expect(
      toInput.brrrr({ ...defaultValues.brrrr, refinance_term_years: 20 }).refinance?.term_months,
    ).to.equal(240);
  });

  it('read every field back from the SDK input they make, so a saved analysis reopens as it was', () => {
    for (const strategy of strategies) {
      const values = { ...defaultValues[strategy] };
      for (const field of fieldsOf(strategy)) {
        const value = values[field.key]!;
        values[field.key] =
          value === field.max ? field.max - 1 : value + (field.kind === 'percent' ? 0.01 : 1);
      }
      const saved = JSON.parse(JSON.stringify(toInput[strategy](values)));
      expect(fromInput(strategy, saved), strategy).to.deep.equal(values);
    }
  });

  it('keep the defaults for what a saved input lacks or gets wrong', () => {
    expect(
      fromInput('wholesale', { after_repair_value: 300_000, rehab_cost: 'a lot', mao_rate: 7 }),
    ).to.deep.equal({
      ...defaultValues.wholesale,
      after_repair_value: 300_000,
    });
    expect(fromInput('rental', null)).to.deep.equal(defaultValues.rental);
  });
});
