import { expect } from '@open-wc/testing';
import { defaultValues, fieldsOf, strategies } from './calculator-fields.js';
import { readState, writeState } from './url-state.js';

describe('calculator URL state', () => {
  it('round-trips a strategy and two scenarios, keeping the page parameters', () => {
    const a = { ...defaultValues.flip, purchase_price: 150_000 };
    const b = { ...defaultValues.flip, after_repair_value: 300_000, ltv: 0.85 };
    const search = writeState(
      '?page=2&hk-old=1',
      { strategy: 'flip', scenarios: [a, b] },
      defaultValues.flip,
    );
    expect(search).to.contain('page=2');
    expect(search).not.to.contain('hk-old');
    expect(search).to.contain('hk-a-purchase_price=150000');
    expect(search).not.to.contain('hk-a-rehab_cost');
    expect(readState(search)).to.deep.equal({ strategy: 'flip', scenarios: [a, b] });
  });

  it('writes every field: each strategy has a default for each of its boxes', () => {
    for (const strategy of strategies) {
      const fields = fieldsOf(strategy).map((field) => field.key);
      expect(Object.keys(defaultValues[strategy]).sort()).to.deep.equal([...fields].sort());
    }
  });

  it('ignores what it does not know and numbers out of range', () => {
    const state = readState(
      '?hk-deal=rental&hk-a-vacancy_rate=7&hk-a-bogus=1&hk-a-monthly_rent=abc&hk-a-hoa=120',
    );
    expect(state?.scenarios).to.have.length(1);
    expect(state?.scenarios[0]).to.deep.equal({ ...defaultValues.rental, hoa: 120 });
    expect(readState('?hk-deal=timeshare')).to.equal(null);
    expect(readState('')).to.equal(null);
  });
});
