import * as formula from '@formulajs/formulajs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countSignChanges, irr, npv, xirr, xnpv } from '../../src/analysis/index.js';
import { excelNumber } from './excel.js';

const RUNS = { numRuns: 3000 };
/** Cash flows in dollars: zero, or a cent to ten million either way. */
const flowAmount = fc.oneof(
  fc.constant(0),
  fc.double({ min: 0.01, max: 1e7, noNaN: true }),
  fc.double({ min: -1e7, max: -0.01, noNaN: true }),
  fc.integer({ min: -100_000, max: 100_000 }),
);

/** Flows that break even at a known rate: positive returns, the outlay priced at that rate. */
const flowsAtKnownRate = fc
  .record({
    rate: fc.double({ min: -0.5, max: 1, noNaN: true }),
    returns: fc.array(fc.double({ min: 1, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 40 }),
  })
  .map(({ rate, returns }) => ({
    rate,
    flows: [-returns.reduce((total, amount, i) => total + amount / (1 + rate) ** (i + 1), 0), ...returns],
  }));

function discountedMagnitude(rate: number, flows: readonly number[]): number {
  return flows.reduce((total, amount, t) => total + Math.abs(amount) / (1 + rate) ** t, 0);
}

describe('npv', () => {
  it('equals Excel (first flow + NPV of the rest) to the cent', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -0.9, max: 1, noNaN: true }),
        fc.array(flowAmount, { minLength: 1, maxLength: 60 }),
        (rate, flows) => {
          const excel =
            flows[0]! + (flows.length > 1 ? excelNumber(formula.NPV(rate, ...flows.slice(1))) : 0);
          const tolerance = 0.005 + 1e-12 * discountedMagnitude(rate, flows);
          expect(Math.abs(npv(rate, flows)! - excel)).toBeLessThan(tolerance);
        },
      ),
      RUNS,
    );
  });

  it('leaves the first flow undiscounted and has no meaning at -100 %', () => {
    expect(npv(0.1, [-100, 110])).toBeCloseTo(0, 12);
    expect(npv(-1, [-100, 110])).toBeNull();
    expect(npv(0.05, [])).toBe(0);
  });
});

describe('irr', () => {
  it('recovers the rate the flows were built with, and agrees with Excel IRR where it converges', () => {
    fc.assert(
      fc.property(flowsAtKnownRate, ({ rate, flows }) => {
        const ours = irr(flows);
        expect(ours).not.toBeNull();
        expect(Math.abs(ours! - rate)).toBeLessThan(1e-8 * (1 + Math.abs(rate)));
        const excel = formula.IRR(flows);
        if (typeof excel === 'number' && Number.isFinite(excel))
          expect(Math.abs(ours! - excel)).toBeLessThan(1e-6);
      }),
      RUNS,
    );
  });

  it('makes the NPV zero whenever it finds a rate, for any flows', () => {
    fc.assert(
      fc.property(fc.array(flowAmount, { minLength: 0, maxLength: 40 }), (flows) => {
        const rate = irr(flows);
        if (countSignChanges(flows) === 0) expect(rate).toBeNull();
        if (rate === null) return;
        expect(rate).toBeGreaterThanOrEqual(-1);
        const value = npv(rate, flows);
        // The rate itself is only known to a double's precision: allow what that moves the NPV by.
        const sensitivity = flows.reduce(
          (total, amount, t) => total + (t * Math.abs(amount)) / (1 + rate) ** (t + 1),
          0,
        );
        const tolerance = 1e-9 * discountedMagnitude(rate, flows) + 1e-14 * sensitivity;
        if (value !== null) expect(Math.abs(value)).toBeLessThanOrEqual(tolerance);
      }),
      RUNS,
    );
  });

  it('matches the examples of the Excel documentation', () => {
    expect(irr([-70_000, 12_000, 15_000, 18_000, 21_000, 26_000])).toBeCloseTo(0.086630948, 8);
    expect(irr([-70_000, 12_000, 15_000, 18_000, 21_000])).toBeCloseTo(-0.021244848, 8);
  });

  it('is null without a sign change', () => {
    expect(irr([])).toBeNull();
    expect(irr([0, 0])).toBeNull();
    expect(irr([100, 50])).toBeNull();
    expect(irr([-100, -50])).toBeNull();
  });

  it('returns the root nearest the guess when several exist', () => {
    // -100 + 230 / (1 + r) - 132 / (1 + r)^2 = 0 at r = 10 % and r = 20 %.
    const flows = [-100, 230, -132];
    expect(countSignChanges(flows)).toBe(2);
    expect(irr(flows, 0.05)).toBeCloseTo(0.1, 12);
    expect(irr(flows, 0.3)).toBeCloseTo(0.2, 12);
  });

  it('handles leading and trailing zeros and a total loss', () => {
    expect(irr([0, -100, 0, 121, 0])).toBeCloseTo(0.1, 12);
    expect(irr([-100, 1e-9])).toBeCloseTo(-1, 9);
  });
});

describe('xirr', () => {
  const day = (offset: number) =>
    new Date(Date.UTC(2024, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);

  const datedAtKnownRate = fc
    .record({
      rate: fc.double({ min: -0.5, max: 1, noNaN: true }),
      returns: fc.array(
        fc.record({
          days: fc.integer({ min: 1, max: 3650 }),
          amount: fc.double({ min: 1, max: 1e6, noNaN: true }),
        }),
        { minLength: 1, maxLength: 30 },
      ),
    })
    .map(({ rate, returns }) => {
      const sorted = [...returns].sort((a, b) => a.days - b.days);
      const outlay = sorted.reduce((total, flow) => total + flow.amount / (1 + rate) ** (flow.days / 365), 0);
      return {
        rate,
        flows: [
          { date: day(0), amount: -outlay },
          ...sorted.map((flow) => ({ date: day(flow.days), amount: flow.amount })),
        ],
      };
    });

  it('recovers the rate the flows were built with, and agrees with Excel XIRR where it converges', () => {
    fc.assert(
      fc.property(datedAtKnownRate, ({ rate, flows }) => {
        const ours = xirr(flows);
        expect(ours).not.toBeNull();
        expect(Math.abs(ours! - rate)).toBeLessThan(1e-8 * (1 + Math.abs(rate)));
        expect(Math.abs(xnpv(ours!, flows)!)).toBeLessThan(
          1e-6 * flows.reduce((t, f) => t + Math.abs(f.amount), 0),
        );
        const excel = formula.XIRR(
          flows.map((flow) => flow.amount),
          flows.map((flow) => flow.date),
        );
        if (typeof excel === 'number' && Number.isFinite(excel))
          expect(Math.abs(ours! - excel)).toBeLessThan(1e-6);
      }),
      { numRuns: 1000 },
    );
  });

  it('matches the example of the Excel documentation', () => {
    const flows = [
      { date: '2008-01-01', amount: -10_000 },
      { date: '2008-03-01', amount: 2750 },
      { date: '2008-10-30', amount: 4250 },
      { date: '2009-02-15', amount: 3250 },
      { date: '2009-04-01', amount: 2750 },
    ];
    expect(xirr(flows)).toBeCloseTo(0.373362535, 8);
    expect(xirr([...flows].reverse())).toBeCloseTo(0.373362535, 8);
    expect(xirr(flows.map((flow) => ({ ...flow, date: new Date(`${flow.date}T15:30:00Z`) })))).toBeCloseTo(
      0.373362535,
      8,
    );
  });

  it('is null without a sign change and rejects a bad date', () => {
    expect(xirr([{ date: '2024-01-01', amount: 100 }])).toBeNull();
    expect(() =>
      xirr([
        { date: 'yesterday', amount: -1 },
        { date: '2024-01-01', amount: 2 },
      ]),
    ).toThrow(RangeError);
  });
});

describe('countSignChanges', () => {
  it('ignores zeros', () => {
    expect(countSignChanges([-1, 0, 0, 2, 0, 3])).toBe(1);
    expect(countSignChanges([-1, 2, -3, 4])).toBe(3);
    expect(countSignChanges([0, 0])).toBe(0);
  });
});
