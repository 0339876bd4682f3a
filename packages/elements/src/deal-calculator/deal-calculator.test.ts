import { analyzeFlip, analyzeRental, analyzeWholesale } from '@hidden-key/sdk/analysis';
import { OpportunityAnalysis, type OpportunityUpdate } from '@hidden-key/sdk/schemas';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { makeDeal } from '../../test/fixtures.js';
import { toInput } from './calculator-fields.js';
import './deal-calculator.define.js';
import type { AnalysisChangeDetail, HkDealCalculator } from './deal-calculator.js';

/** An API client that records what "save to deal" sends, or fails as the API would. */
function recordingClient(failure?: Error) {
  const calls: { id: string; body: OpportunityUpdate }[] = [];
  const client = {
    opportunities: {
      update: async (id: string, body: OpportunityUpdate) => {
        calls.push({ id, body });
        if (failure) throw failure;
        // The deal as the API answers: its analysis checked against the contract, as stored.
        return { analysis: body.analysis ? OpportunityAnalysis.parse(body.analysis) : null };
      },
    },
  };
  return { calls, client };
}

async function render(template = html`<hk-deal-calculator no-url-state></hk-deal-calculator>`) {
  const calculator = await fixture<HkDealCalculator>(template);
  await calculator.updateComplete;
  return calculator;
}

const shadow = (calculator: HkDealCalculator) => calculator.shadowRoot!;
const input = (calculator: HkDealCalculator, name: string) =>
  shadow(calculator).querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
const text = (calculator: HkDealCalculator, selector: string) =>
  shadow(calculator).querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** Types into a box as a person would: focus, select all, type, then leave it. */
async function type(calculator: HkDealCalculator, name: string, value: string) {
  const box = input(calculator, name);
  box.focus();
  box.select();
  await sendKeys({ type: value });
  await calculator.updateComplete;
}

/** The last `hk-analysis-change` fired while `action` runs: one fires per keystroke. */
async function lastChange(calculator: HkDealCalculator, action: () => Promise<void>) {
  const details: AnalysisChangeDetail[] = [];
  const listener = (event: CustomEvent<AnalysisChangeDetail>) => details.push(event.detail);
  calculator.addEventListener('hk-analysis-change', listener);
  await action();
  calculator.removeEventListener('hk-analysis-change', listener);
  expect(details.length).to.be.greaterThan(0);
  return details.at(-1)!;
}

async function leave(calculator: HkDealCalculator) {
  await sendKeys({ press: 'Tab' });
  await calculator.updateComplete;
}

describe('<hk-deal-calculator>', () => {
  afterEach(() => history.replaceState(null, '', location.pathname));

  for (const strategy of ['rental', 'flip', 'brrrr', 'wholesale']) {
    it(`is accessible on the ${strategy} tab`, async () => {
      const calculator = await render(html`<hk-deal-calculator no-url-state></hk-deal-calculator>`);
      shadow(calculator).querySelector<HTMLButtonElement>(`#tab-${strategy}`)!.click();
      await calculator.updateComplete;
      expect(calculator.strategy).to.equal(strategy);
      expect(shadow(calculator).querySelector('[role="tab"][aria-selected="true"]')!.id).to.equal(
        `tab-${strategy}`,
      );
      await expect(calculator).to.be.accessible();
      // axe checks the contrast of all 121 tinted grid cells: slow on a busy machine, not a hang.
    }).timeout(30_000);
  }

  it('reads "$300,000" and "7.25%", recomputes on every input and reports the SDK analysis', async () => {
    const calculator = await render();
    const first = await lastChange(calculator, () => type(calculator, 'purchase_price', '$300,000'));
    expect(first.input).to.include({ purchase_price: 300_000 });
    await type(calculator, 'annual_rate', '7.25%');
    const last = await lastChange(calculator, () => type(calculator, 'monthly_rent', '2,600'));
    expect(last.strategy).to.equal('rental');
    expect(last.scenario).to.equal('a');
    expect(last.input).to.deep.include({ monthly_rent: 2600 });
    expect((last.input as { loan: { annual_rate: number } }).loan.annual_rate).to.be.closeTo(0.0725, 1e-12);
    expect(last.output).to.deep.equal(analyzeRental(last.input as Parameters<typeof analyzeRental>[0]));
    const cashFlow = new Intl.NumberFormat('en', {
      style: 'currency',
      currency: 'USD',
      maximumFractionDigits: 0,
    });
    expect(text(calculator, '[part="metrics"]')).to.contain(
      cashFlow.format((last.output as { cash_flow_monthly: number }).cash_flow_monthly),
    );
  });

  it('formats a box when it is left and ties an error to the field', async () => {
    const calculator = await render();
    await type(calculator, 'purchase_price', '275000');
    await leave(calculator);
    expect(input(calculator, 'purchase_price').value).to.equal('$275,000.00');
    await type(calculator, 'vacancy_rate', 'lots');
    const box = input(calculator, 'vacancy_rate');
    expect(box.getAttribute('aria-invalid')).to.equal('true');
    const error = shadow(calculator).getElementById(box.getAttribute('aria-describedby')!)!;
    expect(error.textContent).to.contain('Enter a number');
    expect(text(calculator, '[role="alert"]')).to.contain('Some inputs need fixing');
    await type(calculator, 'vacancy_rate', '150%');
    expect(shadow(calculator).getElementById('field-vacancy_rate-error')!.textContent).to.contain('100%');
    await expect(calculator).to.be.accessible();
  });

  it('says in plain words whether the deal works', async () => {
    const calculator = await render();
    await type(calculator, 'monthly_rent', '3000');
    expect(text(calculator, '[part="verdicts"]')).to.contain('Cash flow positive');
    expect(text(calculator, '[part="verdicts"]')).to.contain('Meets the 1 % rule');
    await type(calculator, 'monthly_rent', '1500');
    expect(text(calculator, '[part="verdicts"]')).to.contain('Cash flow negative');
    expect(text(calculator, '[part="verdicts"]')).to.contain('Fails the 1 % rule');
  });

  it('moves between strategies with the arrow keys', async () => {
    const calculator = await render();
    shadow(calculator).querySelector<HTMLButtonElement>('#tab-rental')!.focus();
    await sendKeys({ press: 'ArrowRight' });
    await calculator.updateComplete;
    expect(calculator.strategy).to.equal('flip');
    expect(shadow(calculator).activeElement?.id).to.equal('tab-flip');
    expect(input(calculator, 'after_repair_value')).to.exist;
    await sendKeys({ press: 'End' });
    await calculator.updateComplete;
    expect(calculator.strategy).to.equal('wholesale');
  });

  it('shows the flip verdicts from the SDK numbers', async () => {
    const calculator = await render(
      html`<hk-deal-calculator no-url-state strategy="flip"></hk-deal-calculator>`,
    );
    const { input: flipInput, output } = await lastChange(calculator, () =>
      type(calculator, 'purchase_price', '250000'),
    );
    expect(output).to.deep.equal(analyzeFlip(flipInput as Parameters<typeof analyzeFlip>[0]));
    expect(text(calculator, '[part="verdicts"]')).to.contain('Fails the 70 % rule');
  });

  it('lists the analysis warnings in plain words (they arrive with the schedule, chart and grid)', async () => {
    const calculator = await render(
      html`<hk-deal-calculator no-url-state strategy="wholesale"></hk-deal-calculator>`,
    );
    expect(shadow(calculator).querySelector('[part="warnings"]')).to.equal(null);
    await type(calculator, 'after_repair_value', '50000');
    expect(text(calculator, '[part="warnings"]')).to.equal('The maximum offer is negative.');
  });

  it('compares two scenarios side by side', async () => {
    const calculator = await render();
    const compare = [...shadow(calculator).querySelectorAll('button')].find((b) =>
      b.textContent?.includes('Compare'),
    )!;
    compare.click();
    await calculator.updateComplete;
    expect(compare.getAttribute('aria-pressed')).to.equal('true');
    const before = text(calculator, 'table[part="metrics"] tbody tr');
    const change = await lastChange(calculator, () => type(calculator, 'monthly_rent', '3500'));
    expect(change.scenario).to.equal('b');
    const row = [...shadow(calculator).querySelectorAll('table[part="metrics"] tbody tr')][0]!;
    const [a, b] = [...row.querySelectorAll('td')].map((cell) => cell.textContent?.trim());
    expect(a).not.to.equal(b);
    expect(before).to.contain(a!);
    await expect(calculator).to.be.accessible();
  });

  it('draws the projection, its table and an 11 × 11 sensitivity grid centred on the scenario', async () => {
    const calculator = await render();
    expect(shadow(calculator).querySelectorAll('[part="projection"] tbody tr')).to.have.length(10);
    expect(shadow(calculator).querySelectorAll('svg polyline')).to.have.length(3);
    const cells = shadow(calculator).querySelectorAll('[part="sensitivity-grid"] tbody td');
    expect(cells).to.have.length(121);
    const centre = shadow(calculator).querySelector('[part="sensitivity-grid"] td[aria-current="true"]')!;
    const cashOnCash = [...shadow(calculator).querySelectorAll('[part="metrics"] dt')].find(
      (dt) => dt.textContent === 'Cash-on-cash return',
    )!.nextElementSibling!.textContent;
    expect(centre.textContent).to.contain(cashOnCash!);
  });

  it('tints each grid cell by its value, the strongest one most', async () => {
    const calculator = await render();
    const cells = [...shadow(calculator).querySelectorAll<HTMLElement>('[part="sensitivity-grid"] tbody td')];
    const mix = (cell: HTMLElement) => Number.parseFloat(cell.style.getPropertyValue('--mix'));
    expect(Math.max(...cells.map(mix))).to.equal(45);
    const strongest = cells.find((cell) => mix(cell) === 45)!;
    const plain = getComputedStyle(
      shadow(calculator).querySelector('[part="sensitivity-grid"]')!,
    ).backgroundColor;
    expect(getComputedStyle(strongest).backgroundColor).not.to.equal(plain);
    expect(getComputedStyle(strongest).backgroundColor).not.to.equal('rgb(255, 255, 255)');
  });

  it('keeps its state in the address and restores it from a shared link', async () => {
    const calculator = await render(html`<hk-deal-calculator></hk-deal-calculator>`);
    await type(calculator, 'monthly_rent', '2450');
    expect(location.search).to.contain('hk-deal=rental');
    expect(location.search).to.contain('hk-a-monthly_rent=2450');
    const shared = await render(html`<hk-deal-calculator></hk-deal-calculator>`);
    expect(input(shared, 'monthly_rent').value).to.equal('$2,450.00');
  });

  it('speaks Spanish and reads Spanish numbers', async () => {
    const calculator = await render(html`<hk-deal-calculator no-url-state lang="es"></hk-deal-calculator>`);
    expect(text(calculator, 'h2')).to.equal('Calculadora de inversiones');
    const change = await lastChange(calculator, () => type(calculator, 'purchase_price', '310.000'));
    expect(change.input).to.include({ purchase_price: 310_000 });
    await type(calculator, 'annual_rate', '6,75 %');
    await leave(calculator);
    expect(input(calculator, 'annual_rate').value.replace(/\s/g, '')).to.equal('6,75%');
    await expect(calculator).to.be.accessible();
  });

  it('saves the analysis to the deal when it has a client and an opportunity id, leaving its type alone', async () => {
    const { calls, client } = recordingClient();
    const calculator = await render(html`<hk-deal-calculator
      no-url-state
      strategy="wholesale"
      opportunity-id="opp_1"
      .client=${client}
    ></hk-deal-calculator>`);
    const saved = oneEvent(calculator, 'hk-analysis-saved');
    shadow(calculator).querySelector<HTMLButtonElement>('[part="save"]')!.click();
    await saved;
    await calculator.updateComplete;
    expect(calls).to.have.length(1);
    expect(calls[0]!.id).to.equal('opp_1');
    expect(calls[0]!.body).not.to.have.property('deal_type');
    expect(calls[0]!.body.analysis).to.include({ kind: 'wholesale' });
    expect(text(calculator, '[role="status"]')).to.equal('Saved to the deal.');
  });

  it('opens a deal on its own strategy with its saved inputs and saves it back as the same type', async () => {
    const savedInput = toInput.wholesale({
      after_repair_value: 310_000,
      rehab_cost: 52_000,
      assignment_fee: 12_500,
      mao_rate: 0.68,
    });
    const deal = makeDeal({
      deal_type: 'wholesale',
      property: { address: '4821 Ridgeview' },
      analysis: OpportunityAnalysis.parse({
        kind: 'wholesale',
        input: savedInput,
        output: analyzeWholesale(savedInput),
        saved_at: '2026-11-30T10:00:00Z',
      }),
    });
    const { calls, client } = recordingClient();
    const calculator = await render(
      html`<hk-deal-calculator no-url-state .client=${client} .deal=${deal}></hk-deal-calculator>`,
    );
    expect(calculator.strategy).to.equal('wholesale');
    expect(calculator.opportunityId).to.equal(deal.id);
    expect(input(calculator, 'after_repair_value').value).to.equal('$310,000.00');
    expect(input(calculator, 'assignment_fee').value).to.equal('$12,500.00');
    const saved = oneEvent(calculator, 'hk-analysis-saved');
    shadow(calculator).querySelector<HTMLButtonElement>('[part="save"]')!.click();
    await saved;
    expect(calls).to.have.length(1);
    expect(calls[0]!.body).not.to.have.property('deal_type');
    expect(calls[0]!.body).to.deep.include({ estimated_profit: 12_500 });
    expect(calls[0]!.body.analysis).to.deep.include({ kind: 'wholesale', input: savedInput });
  });

  it('pre-fills a deal without an analysis from its offer and value, and never rewrites its profit from another strategy', async () => {
    const deal = makeDeal({ deal_type: 'fix_and_flip', offer_amount: 150_000, property_value: 275_000 });
    const { calls, client } = recordingClient();
    const calculator = await render(
      html`<hk-deal-calculator no-url-state .client=${client} .deal=${deal}></hk-deal-calculator>`,
    );
    expect(calculator.strategy).to.equal('flip');
    expect(input(calculator, 'purchase_price').value).to.equal('$150,000.00');
    expect(input(calculator, 'after_repair_value').value).to.equal('$275,000.00');
    shadow(calculator).querySelector<HTMLButtonElement>('#tab-rental')!.click();
    await calculator.updateComplete;
    const saved = oneEvent(calculator, 'hk-analysis-saved');
    shadow(calculator).querySelector<HTMLButtonElement>('[part="save"]')!.click();
    await saved;
    expect(calls[0]!.body).not.to.have.property('deal_type');
    expect(calls[0]!.body).not.to.have.property('estimated_profit');
    expect(calls[0]!.body.analysis).to.include({ kind: 'rental' });
  });

  it('shows why a save failed', async () => {
    const { client } = recordingClient(new Error('The network is down'));
    const calculator = await render(
      html`<hk-deal-calculator no-url-state opportunity-id="opp_1" .client=${client}></hk-deal-calculator>`,
    );
    shadow(calculator).querySelector<HTMLButtonElement>('[part="save"]')!.click();
    await new Promise((resolve) => setTimeout(resolve, 0));
    await calculator.updateComplete;
    expect(text(calculator, '[role="status"]')).to.contain('The network is down');
  });

  it('reads the key figures out once typing pauses', async () => {
    const calculator = await render();
    await type(calculator, 'monthly_rent', '3100');
    const announcer = shadow(calculator).querySelector('[part="announcer"]')!;
    expect(announcer.getAttribute('aria-live')).to.equal('polite');
    await new Promise((resolve) => setTimeout(resolve, 900));
    await calculator.updateComplete;
    const cashFlow = text(calculator, '[part="summary"] dd');
    expect(cashFlow).to.match(/\$/);
    expect(announcer.textContent).to.contain(`Cash flow per month: ${cashFlow}`);
  });

  it('shows every rate with one decimal, so the verdict, the figure and the grid agree', async () => {
    const calculator = await render();
    const cashOnCash = [...shadow(calculator).querySelectorAll('[part="metrics"] dt')].find(
      (dt) => dt.textContent === 'Cash-on-cash return',
    )!.nextElementSibling!.textContent!;
    expect(cashOnCash).to.match(/^-?\d+\.\d%$/);
    expect(text(calculator, '[part="verdicts"]')).to.contain(`Cash-on-cash of ${cashOnCash}`);
    const cells = [...shadow(calculator).querySelectorAll('[part="sensitivity-grid"] tbody td')].map((cell) =>
      cell.textContent!.replace('(current)', '').trim(),
    );
    for (const cell of cells) expect(cell).to.match(/^-?\d+\.\d%$|^n\/a$/i);
  });

  it('prints a report with the schedule open, and keeps it collapsed on screen', async () => {
    const calculator = await render();
    const schedule = shadow(calculator).querySelector<HTMLDetailsElement>('[part="schedule"]')!;
    expect(schedule.open).to.equal(false);
    const original = window.print;
    let openWhilePrinting: boolean | undefined;
    window.print = () => {
      openWhilePrinting = schedule.open;
    };
    try {
      shadow(calculator).querySelector<HTMLButtonElement>('[part="print"]')!.click();
    } finally {
      window.print = original;
    }
    expect(openWhilePrinting).to.equal(true);
    expect(schedule.open).to.equal(false);
  });

  describe('on a 390 px phone', () => {
    before(() => setViewport({ width: 390, height: 844 }));
    after(() => setViewport({ width: 800, height: 600 }));

    for (const strategy of ['rental', 'flip', 'brrrr', 'wholesale'] as const) {
      it(`fits the ${strategy} tab without sideways scrolling, its tabs on one line`, async () => {
        const calculator = await render(
          html`<hk-deal-calculator no-url-state strategy=${strategy}></hk-deal-calculator>`,
        );
        // The chart is redrawn at the width the results column settles at.
        await new Promise((resolve) => setTimeout(resolve, 100));
        await calculator.updateComplete;
        expect(document.documentElement.scrollWidth).to.be.at.most(390);
        const tabs = [...shadow(calculator).querySelectorAll<HTMLElement>('[role="tab"]')];
        expect(new Set(tabs.map((tab) => tab.getBoundingClientRect().top)).size).to.equal(1);
        for (const tab of tabs) expect(tab.scrollWidth).to.be.at.most(tab.clientWidth);
        const grid = shadow(calculator).querySelector<HTMLElement>('[part="sensitivity-grid"]')!;
        expect(grid.scrollWidth).to.be.at.most(grid.parentElement!.clientWidth);
        for (const label of shadow(calculator).querySelectorAll('.tick'))
          expect(label.getBoundingClientRect().height).to.be.at.least(11);
      });
    }
  });

  it('has no save button without a client', async () => {
    const calculator = await render(
      html`<hk-deal-calculator no-url-state opportunity-id="opp_1"></hk-deal-calculator>`,
    );
    expect(shadow(calculator).querySelector('[part="save"]')).to.equal(null);
  });
});
