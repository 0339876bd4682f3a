import { amortizationSchedule } from '@hidden-key/sdk/analysis';
import type { Opportunity, OpportunityUpdate } from '@hidden-key/sdk/schemas';
import { ANALYSIS_KIND_OF_DEAL } from '@hidden-key/sdk/schemas/lists';
import { html, nothing, type PropertyValues, svg } from 'lit';
import { errorText } from '../base/error-text.js';
import { HkElement } from '../base/hk-element.js';
import { LocalizeController } from '../base/localize.js';
import { tokens } from '../base/tokens.js';
import {
  type AnalysisResult,
  amortizingLoan,
  type MetricFormat,
  rentalOf,
  runAnalysis,
} from './calculator-analysis.js';
import {
  defaultValues,
  type FieldKey,
  type FieldSpec,
  fieldsOf,
  fromInput,
  type Strategy,
  strategies,
  strategyFields,
  type Values,
} from './calculator-fields.js';
import { keyMetrics, verdicts, warningsOf } from './calculator-summary.js';
import type { Formatters, TableKit } from './calculator-tables.js';
import { type DealCalculatorMessages, dealCalculatorMessages } from './deal-calculator.messages.js';
import { styles } from './deal-calculator.styles.js';
import type * as Extras from './deal-calculator-extras.lazy.js';
import type { DealCalculatorExtrasMessages } from './deal-calculator-extras.messages.js';
import { parseTypedNumber } from './parse-number.js';
import { type CalculatorState, readState } from './url-state.js';

export interface AnalysisChangeDetail {
  strategy: Strategy;
  /** Which scenario changed: `a`, or `b` when comparing. */
  scenario: 'a' | 'b';
  input: AnalysisResult['input'];
  output: AnalysisResult['output'];
}

export interface AnalysisSavedDetail {
  opportunityId: string;
  strategy: Strategy;
}

/** The parts of an opportunity the calculator opens: its type, its numbers and its saved analysis. */
export type CalculatorDeal = Pick<
  Opportunity,
  'id' | 'deal_type' | 'property_value' | 'offer_amount' | 'property' | 'analysis'
>;

/** What "save to deal" needs from an API client: the SDK's `HiddenKey` client fits. */
export interface DealCalculatorClient {
  opportunities: { update(id: string, body: OpportunityUpdate): Promise<Pick<Opportunity, 'analysis'>> };
}

declare global {
  interface HTMLElementEventMap {
    'hk-analysis-change': CustomEvent<AnalysisChangeDetail>;
    'hk-analysis-saved': CustomEvent<AnalysisSavedDetail>;
  }
}

type FieldProblem =
  | { code: 'error_number' | 'error_whole' }
  | { code: 'error_min' | 'error_max'; limit: number };

/** One scenario as the form holds it: the text in each box and the last valid numbers. */
interface Scenario {
  values: Values;
  texts: Partial<Record<FieldKey, string>>;
  problems: Partial<Record<FieldKey, FieldProblem>>;
}

const scenarioNames = ['a', 'b'] as const;
/** The styles of the schedule, chart and grid, which come with them; one sheet for every calculator. */
let extrasSheet: CSSStyleSheet | undefined;
/** How long typing pauses before the results are read out, so a screen reader is not flooded. */
const ANNOUNCE_DELAY_MS = 750;

/**
 * A deal's numbers as the calculator's boxes: its saved analysis when it has one of its own type,
 * else its offer as the purchase price and its value as the after-repair value.
 */
export function valuesOfDeal(deal: CalculatorDeal): { strategy: Strategy; values: Values } {
  const strategy = ANALYSIS_KIND_OF_DEAL[deal.deal_type] ?? 'rental';
  const { analysis } = deal;
  if (analysis?.kind === strategy) return { strategy, values: fromInput(strategy, analysis.input) };
  const values = { ...defaultValues[strategy] };
  const known: Partial<Record<FieldKey, number | null | undefined>> = {
    purchase_price: deal.offer_amount ?? deal.property.asking_price,
    after_repair_value: deal.property_value ?? deal.property.estimated_value,
  };
  for (const field of fieldsOf(strategy)) {
    const value = known[field.key];
    if (typeof value === 'number' && value >= field.min && value <= field.max) values[field.key] = value;
  }
  return { strategy, values };
}

/**
 * @tag hk-deal-calculator
 * @summary Analyses a rental, flip, BRRRR or wholesale deal as you type, with plain-language
 * verdicts, schedules, a projection chart, a sensitivity grid and two scenarios side by side.
 *
 * @event {CustomEvent<AnalysisChangeDetail>} hk-analysis-change - An input changed (`detail`: strategy, scenario, input, output in the SDK's shapes).
 * @event {CustomEvent<AnalysisSavedDetail>} hk-analysis-saved - The analysis was saved to the deal (`detail`: opportunityId, strategy).
 *
 * @csspart tabs - The strategy tab list; each tab is `tab`.
 * @csspart inputs - The input column; each group is `group`, each field `field`, `label`, `input`, `error`.
 * @csspart results - The results column.
 * @csspart summary - The key figures above the inputs.
 * @csspart announcer - The visually hidden live region that reads the key figures out.
 * @csspart metrics - The key figures (a list, or a table when comparing).
 * @csspart verdicts - The plain-language verdict lines.
 * @csspart warnings - The analysis warnings.
 * @csspart schedule - The amortisation schedule.
 * @csspart projection - The projection section; `chart`, `chart-line`, `chart-line-<series>` inside it.
 * @csspart sensitivity - The sensitivity section; `sensitivity-grid` is its table.
 * @csspart save - The "save to deal" button.
 * @csspart print - The "Download PDF" button (the browser's print dialog, with a print stylesheet).
 *
 * @cssproperty --hk-color-primary - Selected tab, buttons, cash-flow line.
 * @cssproperty --hk-color-on-primary - Text on them.
 * @cssproperty --hk-color-text - Text colour.
 * @cssproperty --hk-color-muted - Chart axes.
 * @cssproperty --hk-color-surface - Inputs and table background.
 * @cssproperty --hk-color-border - Borders.
 * @cssproperty --hk-color-success - Good verdicts, equity line, positive grid cells.
 * @cssproperty --hk-color-danger - Errors, bad verdicts, loan line, negative grid cells.
 * @cssproperty --hk-color-focus - Focus ring.
 * @cssproperty --hk-radius - Corner radius.
 * @cssproperty --hk-space-xs - Smallest gap.
 * @cssproperty --hk-space-s - Gap inside controls.
 * @cssproperty --hk-space-m - Gap between fields.
 * @cssproperty --hk-space-l - Gap between columns.
 * @cssproperty --hk-font - Font family.
 * @cssproperty --hk-font-size - Base font size.
 */
export class HkDealCalculator extends HkElement {
  static override styles = styles;

  /**
   * The reactive properties, declared here rather than with Lit's decorators: the decorators'
   * runtime and one call per property cost the embed about 0.4 KB min+gz (see scripts/embed.mjs).
   */
  static override properties = {
    strategy: { reflect: true },
    opportunityId: { attribute: 'opportunity-id' },
    deal: { attribute: false },
    client: { attribute: false },
    currency: {},
    noUrlState: { attribute: 'no-url-state', type: Boolean },
    scenarios: { state: true },
    editing: { state: true },
    saveStatus: { state: true },
    saveError: { state: true },
    announcement: { state: true },
    chartWidth: { state: true },
  };

  /** Replaces any of its texts by message key (`deal-calculator.messages.ts`), in every language; see the README. */
  declare strings: Partial<DealCalculatorMessages & DealCalculatorExtrasMessages>;

  /** The strategy shown first: `rental`, `flip`, `brrrr` or `wholesale`. */
  strategy: Strategy = 'rental';

  /** With `client`, shows "save to deal", which writes the analysis to this opportunity. */
  opportunityId = '';

  /**
   * The deal to analyse (an SDK `Opportunity`): opens on its own strategy with its saved inputs
   * (or its offer and value), sets `opportunity-id`, and saving never changes the deal's type.
   */
  deal: CalculatorDeal | undefined;

  /** An API client (the SDK's `HiddenKey`) used by "save to deal". */
  client: DealCalculatorClient | undefined;

  /** ISO currency code of the amounts. */
  currency = 'USD';

  /** Keeps the state out of the address bar (it is written there by default, for shareable links). */
  noUrlState = false;

  private scenarios: Partial<Record<Strategy, Scenario[]>> = {};
  private editing = 0;
  private saveStatus: 'idle' | 'saving' | 'saved' | 'failed' = 'idle';
  private saveError = '';
  /** What the live region reads out, a moment after typing stops. */
  private announcement = '';
  /** The results column's width in px, which the chart is drawn at. */
  private chartWidth = 640;
  readonly #resizeObserver = new ResizeObserver(([entry]) => {
    const width = Math.max(240, Math.floor((entry?.contentRect.width ?? 640) / 8) * 8);
    if (width !== this.chartWidth) this.chartWidth = width;
  });

  readonly #localize = new LocalizeController(this, dealCalculatorMessages);
  #results: AnalysisResult[] = [];
  #changed: number | null = null;
  #touchedByUser = false;
  #announceTimer = 0;
  /** The schedule, chart and grid: a module of their own, loaded once the calculator is up. */
  #extras: typeof Extras | undefined;
  /** What they render with: Lit's tags, their texts and the calculator's number formats. */
  #kit: TableKit | undefined;
  #extrasLoading: Promise<void> | undefined;

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.#announceTimer);
    this.#resizeObserver.disconnect();
  }

  protected override firstUpdated() {
    const results = this.renderRoot.querySelector('[part="results"]');
    if (results) this.#resizeObserver.observe(results);
  }

  override connectedCallback() {
    super.connectedCallback();
    this.#loadExtras();
    const fromUrl = this.noUrlState ? null : readState(location.search);
    if (fromUrl) this.#applyState(fromUrl);
  }

  /** Loads the schedule, chart, grid and saving, once: they are not needed for the first render. */
  #loadExtras(): Promise<void> {
    this.#extrasLoading ??= import('./deal-calculator-extras.lazy.js').then(
      (extras) => {
        this.#extras = extras;
        this.#kit = {
          html,
          svg,
          nothing,
          t: new LocalizeController(this, extras.dealCalculatorExtrasMessages),
          format: this.#format,
        };
        if (!extrasSheet) {
          extrasSheet = new CSSStyleSheet();
          extrasSheet.replaceSync(extras.extrasStyles(tokens));
        }
        this.shadowRoot?.adoptedStyleSheets.push(extrasSheet);
        this.requestUpdate();
      },
      (error) => {
        // Tried again when needed: by "Download PDF", by "Save to deal", or on the next connect.
        this.#extrasLoading = undefined;
        console.warn('Hidden Key: the schedule, chart and sensitivity grid could not be loaded.', error);
      },
    );
    return this.#extrasLoading;
  }

  /** `updateComplete` also waits for the schedule, chart and grid, so a caller sees them drawn. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    if (this.#extras || !this.#extrasLoading) return done;
    await this.#extrasLoading;
    return super.getUpdateComplete();
  }

  #applyState(saved: CalculatorState) {
    this.strategy = saved.strategy;
    this.scenarios = {
      [saved.strategy]: saved.scenarios.map((values) => this.#scenarioFrom(saved.strategy, values)),
    };
  }

  #openDeal(deal: CalculatorDeal) {
    const { strategy, values } = valuesOfDeal(deal);
    this.opportunityId = deal.id;
    this.strategy = strategy;
    this.scenarios = { [strategy]: [this.#scenarioFrom(strategy, values)] };
    this.editing = 0;
    this.saveStatus = 'idle';
    this.#changed = 0;
  }

  get #current(): Scenario[] {
    return this.scenarios[this.strategy] ?? [this.#scenarioFrom(this.strategy, defaultValues[this.strategy])];
  }

  #scenarioFrom(strategy: Strategy, values: Values): Scenario {
    const texts: Scenario['texts'] = {};
    for (const field of fieldsOf(strategy)) texts[field.key] = this.#display(field, values[field.key] ?? 0);
    return { values: { ...values }, texts, problems: {} };
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('deal') && this.deal) this.#openDeal(this.deal);
    if (changed.has('strategy') && !strategies.includes(this.strategy)) this.strategy = 'rental';
    this.#results = this.#current.map((scenario) => runAnalysis(this.strategy, scenario.values));
    if (this.editing >= this.#results.length) this.editing = 0;
  }

  protected override updated() {
    if (this.#changed !== null) {
      const result = this.#results[this.#changed];
      if (result) {
        this.emit('hk-analysis-change', {
          strategy: this.strategy,
          scenario: scenarioNames[this.#changed] ?? 'a',
          input: result.input,
          output: result.output,
        });
      }
      this.#changed = null;
      if (this.#touchedByUser) this.#scheduleAnnouncement();
    }
    // Written by the extras, which arrive before anyone types (an update follows their arrival).
    if (this.#touchedByUser && !this.noUrlState && this.#extras) {
      const scenarios = this.#current.map((scenario) => scenario.values) as CalculatorState['scenarios'];
      const state = { strategy: this.strategy, scenarios };
      const search = this.#extras.writeState(location.search, state, defaultValues[this.strategy]);
      if (search !== location.search)
        history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`);
    }
  }

  readonly #format: Formatters = {
    money: (value) => this.#localize.currency(value, this.currency),
    compactMoney: (value) =>
      this.#localize.number(value, {
        style: 'currency',
        currency: this.currency,
        currencyDisplay: 'narrowSymbol',
        notation: 'compact',
        maximumSignificantDigits: 3,
      }),
    metric: (value, format) => this.#formatMetric(value, format),
  };

  #formatMetric(value: number | null, format: MetricFormat): string {
    if (value === null) return this.#localize.term('notApplicable');
    if (format === 'money') return this.#localize.currency(value, this.currency);
    // One decimal everywhere a rate is shown (figures, verdicts, grid), so they agree and align.
    if (format === 'percent') return this.#localize.percent(value, 1, 1);
    return this.#localize.number(value, { maximumFractionDigits: 2 });
  }

  /** How a number reads in its box: "$250,000", "6.5%", "30". */
  #display(field: FieldSpec, value: number): string {
    if (field.kind === 'money') return this.#localize.currency(value, this.currency, 2);
    if (field.kind === 'percent') return this.#localize.percent(value, 4);
    return this.#localize.number(value, { maximumFractionDigits: 0 });
  }

  #read(field: FieldSpec, text: string): { value: number } | { problem: FieldProblem } {
    const typed = parseTypedNumber(text, this.#localize.lang);
    if (typed === null) return { problem: { code: 'error_number' } };
    const value = field.kind === 'percent' ? typed / 100 : typed;
    if ((field.kind === 'months' || field.kind === 'years') && !Number.isInteger(value)) {
      return { problem: { code: 'error_whole' } };
    }
    if (value < field.min) return { problem: { code: 'error_min', limit: field.min } };
    if (value > field.max) return { problem: { code: 'error_max', limit: field.max } };
    return { value };
  }

  #updateScenario(index: number, update: (scenario: Scenario) => Scenario) {
    const scenarios = this.#current.map((scenario, i) => (i === index ? update(scenario) : scenario));
    this.scenarios = { ...this.scenarios, [this.strategy]: scenarios };
    this.#touchedByUser = true;
    this.saveStatus = 'idle';
  }

  #onInput(field: FieldSpec, event: Event) {
    const text = (event.target as HTMLInputElement).value;
    const outcome = this.#read(field, text);
    this.#updateScenario(this.editing, (scenario) => ({
      values: 'value' in outcome ? { ...scenario.values, [field.key]: outcome.value } : scenario.values,
      texts: { ...scenario.texts, [field.key]: text },
      problems: { ...scenario.problems, [field.key]: 'problem' in outcome ? outcome.problem : undefined },
    }));
    if ('value' in outcome) this.#changed = this.editing;
  }

  /** Once a valid number is left, its box shows it formatted: "250000" becomes "$250,000.00". */
  #onBlur(field: FieldSpec) {
    const scenario = this.#current[this.editing];
    if (!scenario || scenario.problems[field.key]) return;
    const formatted = this.#display(field, scenario.values[field.key] ?? 0);
    if (formatted !== scenario.texts[field.key]) {
      this.#updateScenario(this.editing, (s) => ({ ...s, texts: { ...s.texts, [field.key]: formatted } }));
    }
  }

  #selectStrategy(strategy: Strategy, focus = false) {
    if (strategy === this.strategy) return;
    this.strategy = strategy;
    this.editing = 0;
    this.#touchedByUser = true;
    this.saveStatus = 'idle';
    this.#changed = 0;
    if (focus)
      this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${strategy}`)?.focus());
  }

  /** The tab list's keys (WAI-ARIA tabs): arrows move round the tabs, Home and End to either end. */
  #onTabKey(event: KeyboardEvent) {
    const count = strategies.length;
    const index = strategies.indexOf(this.strategy);
    const next = { ArrowRight: index + 1, ArrowLeft: index + count - 1, Home: 0, End: count - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    this.#selectStrategy(strategies[next % count]!, true);
  }

  #toggleCompare() {
    const [first] = this.#current;
    if (!first) return;
    const comparing = this.#current.length === 2;
    this.scenarios = {
      ...this.scenarios,
      [this.strategy]: comparing ? [first] : [first, { ...first, problems: {} }],
    };
    this.editing = comparing ? 0 : 1;
    this.#touchedByUser = true;
  }

  /**
   * Writes the analysis to the deal. The deal keeps its type (the analysis records the strategy it
   * was run for); its estimated profit follows only an analysis of its own type, so trying a rental
   * view of a wholesale deal never rewrites the wholesale fee.
   */
  async #save() {
    const result = this.#results[this.editing];
    if (!result || !this.client || !this.opportunityId) return;
    this.saveStatus = 'saving';
    const ownType = this.deal !== undefined && ANALYSIS_KIND_OF_DEAL[this.deal.deal_type] === result.strategy;
    try {
      // Saving comes with the schedule, chart and grid (it is never the first thing a person does).
      await this.#loadExtras();
      if (!this.#extras) throw new Error(this.#localize.term('connectionFailed'));
      const analysis = await this.#extras.saveAnalysis(this.client, this.opportunityId, result, ownType);
      if (this.deal?.id === this.opportunityId) this.deal.analysis = analysis;
      this.saveStatus = 'saved';
      this.emit('hk-analysis-saved', { opportunityId: this.opportunityId, strategy: result.strategy });
    } catch (error) {
      this.saveError = errorText(error);
      this.saveStatus = 'failed';
    }
  }

  /** Reads the headline figures out once typing pauses: the summary a sighted user glances at. */
  #scheduleAnnouncement() {
    clearTimeout(this.#announceTimer);
    this.#announceTimer = window.setTimeout(() => {
      const result = this.#results[this.editing];
      if (!result) return;
      this.announcement = keyMetrics(result)
        .slice(0, 3)
        .map(
          (metric) =>
            `${this.#localize.term(`metric_${metric.key}`)}: ${this.#formatMetric(metric.value, metric.format)}`,
        )
        .join('; ');
    }, ANNOUNCE_DELAY_MS);
  }

  override render() {
    const t = this.#localize;
    return html`<h2 class="heading">${t.term('heading')}</h2>
      <div role="tablist" part="tabs" aria-label=${t.term('strategies')} @keydown=${this.#onTabKey}>
        ${strategies.map(
          (strategy) => html`<button
            role="tab"
            part="tab"
            id="tab-${strategy}"
            aria-selected=${strategy === this.strategy ? 'true' : 'false'}
            aria-controls="panel"
            tabindex=${strategy === this.strategy ? 0 : -1}
            @click=${() => this.#selectStrategy(strategy)}
          >
            ${t.term(`strategy_${strategy}`)}
          </button>`,
        )}
      </div>
      <div role="tabpanel" id="panel" aria-labelledby="tab-${this.strategy}">
        ${this.#renderToolbar()} ${this.#renderSummary()}
        <div class="layout">
          <section part="inputs" aria-labelledby="inputs-heading">
            <h3 id="inputs-heading">
              ${t.term('inputs')}${this.#current.length === 2 ? html` · ${t.term(`scenario_${scenarioNames[this.editing] ?? 'a'}`)}` : nothing}
            </h3>
            ${this.#renderInputs()}
          </section>
          <section part="results" aria-labelledby="results-heading">
            <h3 id="results-heading">${t.term('results')}</h3>
            ${this.#renderResults()}
          </section>
        </div>
      </div>
      <p class="visually-hidden" role="status" aria-live="polite" part="announcer">${this.announcement}</p>`;
  }

  /** The headline figures above the inputs, where a phone shows them without scrolling past 12 boxes. */
  #renderSummary() {
    const result = this.#results[this.editing];
    if (!result) return nothing;
    return html`<dl part="summary" class="summary" aria-label=${this.#localize.term('summary')}>
      ${keyMetrics(result)
        .slice(0, 4)
        .map(
          (metric) => html`<div>
            <dt>${this.#localize.term(`metric_${metric.key}`)}</dt>
            <dd>${this.#formatMetric(metric.value, metric.format)}</dd>
          </div>`,
        )}
    </dl>`;
  }

  /**
   * "Download PDF" is the browser's print dialog (which saves a PDF everywhere), with a print
   * stylesheet that drops the controls; the collapsed schedule opens for the page and closes again.
   */
  async #printReport() {
    // The report includes the schedule, chart and grid: wait for them if they are still on their way.
    if (!this.#extras) {
      await this.#loadExtras();
      await this.updateComplete;
    }
    if (this.#extras) this.#extras.printReport(this.renderRoot);
    else window.print();
  }

  #renderToolbar() {
    const t = this.#localize;
    const comparing = this.#current.length === 2;
    return html`<div class="toolbar">
      <button type="button" aria-pressed=${comparing ? 'true' : 'false'} @click=${this.#toggleCompare}>
        ${t.term('compare')}
      </button>
      <button type="button" part="print" @click=${this.#printReport}>${t.term('print')}</button>
      ${
        comparing
          ? html`<fieldset>
            <legend class="visually-hidden">${t.term('editing')}</legend>
            ${scenarioNames.map(
              (name, i) => html`<label>
                <input type="radio" name="editing" .checked=${this.editing === i} @change=${() => {
                  this.editing = i;
                }} />
                ${t.term(`scenario_${name}`)}
              </label>`,
            )}
          </fieldset>`
          : nothing
      }
    </div>`;
  }

  #renderInputs() {
    const t = this.#localize;
    const scenario = this.#current[this.editing];
    if (!scenario) return nothing;
    const hasProblems = Object.values(scenario.problems).some(Boolean);
    return html`${hasProblems ? html`<p class="error" role="alert">${t.term('error_inputs')}</p>` : nothing}
    ${strategyFields[this.strategy].map(
      ({ group, fields }) => html`<fieldset class="group" part="group">
        <legend>${t.term(`group_${group}`)}</legend>
        ${fields.map((field) => this.#renderField(field, scenario))}
      </fieldset>`,
    )}`;
  }

  #renderField(field: FieldSpec, scenario: Scenario) {
    const t = this.#localize;
    const id = `field-${field.key}`;
    const problem = scenario.problems[field.key];
    return html`<div class="field" part="field">
      <label part="label" for=${id}>${t.term(`field_${field.key}`)}</label>
      <input
        type="text"
        part="input"
        id=${id}
        name=${field.key}
        inputmode="decimal"
        autocomplete="off"
        .value=${scenario.texts[field.key] ?? ''}
        aria-invalid=${problem ? 'true' : 'false'}
        aria-describedby=${problem ? `${id}-error` : nothing}
        @input=${(event: Event) => this.#onInput(field, event)}
        @blur=${() => this.#onBlur(field)}
      />
      ${problem ? html`<p class="error" part="error" id="${id}-error">${this.#describe(field, problem)}</p>` : nothing}
    </div>`;
  }

  #describe(field: FieldSpec, problem: FieldProblem): string {
    if ('limit' in problem) return this.#localize.term(problem.code, this.#display(field, problem.limit));
    return this.#localize.term(problem.code);
  }

  #renderResults() {
    const t = this.#localize;
    const result = this.#results[this.editing];
    const scenario = this.#current[this.editing];
    if (!result || !scenario) return nothing;
    return html`${this.#renderMetrics()}
      <h4>${t.term('verdicts')}</h4>
      <ul part="verdicts">
        ${verdicts(result).map(
          (verdict) => html`<li class=${verdict.tone}>
            <span class="visually-hidden">${t.term(verdict.tone)} </span>${t.term(
              `verdict_${verdict.key}`,
              this.#verdictAmount(verdict.key, verdict.amount),
            )}
          </li>`,
        )}
      </ul>
      ${this.#renderWarnings(result)} ${this.#renderSave()} ${this.#renderExtras(result, scenario.values)}`;
  }

  #renderExtras(result: AnalysisResult, values: Values) {
    const extras = this.#extras;
    const kit = this.#kit;
    if (!extras || !kit) return nothing;
    const t = this.#localize;
    const rental = rentalOf(result);
    const loan = amortizingLoan(result, values);
    const sensitivity = extras.sensitivityFor(this.strategy, values, runAnalysis);
    const spec = sensitivity.spec;
    return html`${loan ? extras.scheduleTable(kit, loan, amortizationSchedule) : nothing}
      ${rental ? extras.projectionSection(kit, rental.projection, this.chartWidth) : nothing}
      ${extras.sensitivityTable(kit, sensitivity, {
        row: t.term(`field_${spec.row}`),
        column: t.term(`field_${spec.column}`),
        metric: t.term(`metric_${spec.metric}`),
      })}`;
  }

  #verdictAmount(key: string, amount: number | undefined): string {
    if (amount === undefined) return '';
    if (key.startsWith('dscr')) return this.#localize.number(amount, { maximumFractionDigits: 2 });
    if (key.startsWith('coc')) return this.#formatMetric(amount, 'percent');
    return this.#localize.currency(key === 'cashFlowNegative' ? Math.abs(amount) : amount, this.currency);
  }

  #renderMetrics() {
    const t = this.#localize;
    const [first, second] = this.#results;
    if (!first) return nothing;
    const metrics = keyMetrics(first);
    if (!second) {
      return html`<dl part="metrics">
        ${metrics.map(
          (metric) => html`<dt>${t.term(`metric_${metric.key}`)}</dt>
            <dd>${this.#formatMetric(metric.value, metric.format)}</dd>`,
        )}
      </dl>`;
    }
    const others = keyMetrics(second);
    // The comparison comes with the extras, which are here long before anyone compares.
    return this.#extras && this.#kit
      ? this.#extras.comparisonTable(
          this.#kit,
          [t.term('metric'), t.term('scenario_a'), t.term('scenario_b')],
          metrics.map((metric, i) => [
            t.term(`metric_${metric.key}`),
            this.#formatMetric(metric.value, metric.format),
            this.#formatMetric(others[i]?.value ?? null, metric.format),
          ]),
        )
      : nothing;
  }

  #renderWarnings(result: AnalysisResult) {
    return this.#kit && this.#extras ? this.#extras.warningList(this.#kit, warningsOf(result)) : nothing;
  }

  #renderSave() {
    if (!this.client || !this.opportunityId) return nothing;
    const t = this.#localize;
    const status = this.saveStatus;
    return html`<p>
        <button type="button" part="save" class="save" ?disabled=${status === 'saving'} @click=${this.#save}>
          ${t.term(status === 'saving' ? 'saving' : 'save')}
        </button>
      </p>
      <p role="status" class=${status === 'failed' ? 'bad' : 'good'}>
        ${status === 'saved' ? t.term('saved') : status === 'failed' ? t.term('saveFailed', this.saveError) : ''}
      </p>`;
  }
}
