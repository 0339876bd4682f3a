import type { Lead, Opportunity, OpportunityStage } from '@hidden-key/sdk/schemas';
import { ANALYSIS_KIND_OF_DEAL, DEAL_TYPES } from '@hidden-key/sdk/schemas/lists';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { OPPORTUNITY_STAGES, reopenFlag } from '../base/contract-lists.js';
import { failureText } from '../base/error-text.js';
import { HkElement } from '../base/hk-element.js';
import { LocalizeController } from '../base/localize.js';
import { addressLine, PropertyFacts } from '../base/property-facts.js';
import { ConnectionController, type HkContext } from '../context.js';
import '../activity-log/activity-log.define.js';
import type { LeadSelectedDetail } from '../lead-list/lead-list.js';
import { type DealDetailMessages, messages } from './deal-detail.messages.js';
import { styles } from './deal-detail.styles.js';

export interface DealStageChangedDetail {
  deal: Opportunity;
  previous: OpportunityStage;
}

declare global {
  interface HTMLElementEventMap {
    'hk-deal-stage-changed': CustomEvent<DealStageChangedDetail>;
  }
}

/**
 * @tag hk-deal-detail
 * @summary One deal in full: its numbers, property, seller, stage, saved analysis, the activity
 * timeline with "log a call or note", and slots for the calculator, AI drafts and sequences. The
 * portal opens it when a card is selected; it works alone too.
 *
 * @slot analysis - Shown under the saved analysis: the portal puts its `<hk-deal-calculator>` here.
 * @slot ai-drafts - AI-written material for this deal; by default `<hk-deal-narrative>` (Dave's
 * narrative of the numbers), shown once that element is defined (the portal and `hk-elements.js`
 * load it from `hk-insights.js`).
 * @slot sequences - The follow-up sequences running for this deal.
 *
 * @event {CustomEvent<DealStageChangedDetail>} hk-deal-stage-changed - The server accepted a stage change. `detail: { deal, previous }`.
 * @event {CustomEvent<LeadSelectedDetail>} hk-lead-selected - The seller's name was activated. `detail: { lead }`.
 * @event {CustomEvent<ActivityLoggedDetail>} hk-activity-logged - A call or note was logged (from the inner `<hk-activity-log>`).
 *
 * @csspart header - Title and address.
 * @csspart stage - The stage select.
 * @csspart numbers - The deal's figures.
 * @csspart property - The property facts.
 * @csspart activity - The `<hk-activity-log>` inside.
 *
 * @cssproperty --hk-color-primary - Links and buttons.
 * @cssproperty --hk-color-muted - Fact labels.
 * @cssproperty --hk-color-danger - Errors.
 * @cssproperty --hk-font - Font family.
 * @cssproperty --hk-font-size - Base font size.
 * @cssproperty --hk-color-text - Text colour.
 * @cssproperty --hk-color-focus - Focus ring.
 * @cssproperty --hk-space-xs - Smallest gap.
 * @cssproperty --hk-space-l - Gap between sections.
 * @cssproperty --hk-space-s - Gap inside controls.
 * @cssproperty --hk-space-m - Gap between items.
 * @cssproperty --hk-color-surface - Background of panels, inputs and menus.
 * @cssproperty --hk-color-border - Borders of inputs and panels.
 * @cssproperty --hk-radius - Corner radius.
 */
export class HkDealDetail extends HkElement {
  static override styles = styles;

  /** Replaces any of its texts by message key (`deal-detail.messages.ts`), in every language; see the README. */
  declare strings: Partial<DealDetailMessages>;

  /** API host, when used without an `<hk-provider>`. */
  @property({ attribute: 'base-url' }) baseUrl = '';
  /** Session token, when used without an `<hk-provider>`. */
  @property() token = '';
  /** The deal to show. */
  @property({ attribute: 'opportunity-id' }) opportunityId = '';

  @state() private deal: Opportunity | undefined;
  @state() private lead: Lead | undefined;
  @state() private problem = '';
  @state() private stageMessage = '';
  @state() private stageFailed = false;

  private readonly t = new LocalizeController<DealDetailMessages>(this, messages);
  private readonly facts = new PropertyFacts(this);
  private readonly connection = new ConnectionController(this, (context) => this.connect(context));
  private unsubscribe: (() => void)[] = [];

  override disconnectedCallback() {
    super.disconnectedCallback();
    for (const stop of this.unsubscribe.splice(0)) stop();
  }

  private connect(context: HkContext | undefined) {
    for (const stop of this.unsubscribe.splice(0)) stop();
    if (!context) return;
    const { opportunities, leads } = context.connection.stores;
    this.unsubscribe.push(
      opportunities.$opportunities.subscribe((deals) => {
        this.deal = deals.get(this.opportunityId) ?? this.deal;
      }),
      leads.$leads.subscribe((map) => {
        this.lead = this.deal?.lead_id ? map.get(this.deal.lead_id) : undefined;
      }),
    );
    if (context.signedIn) this.load();
  }

  protected override updated(changed: PropertyValues<this>) {
    if (changed.has('opportunityId') && changed.get('opportunityId') !== undefined) this.load();
  }

  /** Shows the kept copy at once, then the server's, and the seller's lead when there is one. */
  private async load() {
    const connection = this.connection.value?.connection;
    const id = this.opportunityId;
    if (!connection || !id) return;
    this.deal = connection.stores.opportunities.$opportunities.get().get(id);
    this.problem = '';
    try {
      const deal = await connection.client.opportunities.retrieve(id);
      if (id !== this.opportunityId) return;
      connection.stores.opportunities.seed([deal]);
      this.deal = deal;
      if (deal.lead_id) {
        this.lead = connection.stores.leads.$leads.get().get(deal.lead_id);
        const lead = await connection.client.leads.retrieve(deal.lead_id).catch(() => undefined);
        if (lead && id === this.opportunityId) {
          connection.stores.leads.seed([lead]);
          this.lead = lead;
        }
      }
    } catch (error) {
      if (id !== this.opportunityId) return;
      const status = (error as { status?: number }).status;
      this.problem =
        status === 404 ? this.t.term('notFound') : this.t.term('loadFailed', failureText(error, this.t));
    }
  }

  private async changeStage(event: Event) {
    const stage = (event.target as HTMLSelectElement).value as OpportunityStage;
    const deal = this.deal;
    const store = this.connection.value?.connection.stores.opportunities;
    if (!deal || !store || stage === deal.stage) return;
    try {
      const moved = await store.move(deal.id, { stage, ...reopenFlag(deal.stage, stage) });
      this.stageMessage = this.t.term('stageSaved', this.t.term(`stage_${stage}`));
      this.stageFailed = false;
      this.emit('hk-deal-stage-changed', { deal: moved, previous: deal.stage });
    } catch (error) {
      this.stageMessage = this.t.term('stageRefused', failureText(error, this.t));
      this.stageFailed = true;
    }
  }

  protected override render() {
    const t = this.t;
    const deal = this.deal;
    if (!deal) return html`<p role="status">${this.problem || t.term('loading')}</p>`;
    const address = addressLine(deal.property);
    const money = (value: number | null) => (value === null ? '—' : t.currency(value));
    return html`<header part="header">
        <h2>${deal.title || deal.property.address || t.term('untitled')}</h2>
        ${address && address !== deal.title ? html`<p class="sub">${address}</p>` : nothing}
      </header>
      ${this.problem ? html`<p class="bad" role="alert">${this.problem}</p>` : nothing}
      <section>
        <label
          >${t.term('stage')}
          <select part="stage" @change=${this.changeStage}>
            ${OPPORTUNITY_STAGES.map(
              (stage) =>
                html`<option value=${stage} ?selected=${deal.stage === stage}>${t.term(`stage_${stage}`)}</option>`,
            )}
          </select>
        </label>
        <p role="status" class=${this.stageFailed ? 'bad' : ''}>${this.stageMessage}</p>
      </section>
      <section aria-labelledby="numbers-heading">
        <h3 id="numbers-heading">${t.term('numbers')}</h3>
        <dl part="numbers" class="facts">
          <div><dt>${t.term('dealType')}</dt><dd>${t.term(`deal_type_${deal.deal_type}`)}</dd></div>
          <div><dt>${t.term('value')}</dt><dd>${money(deal.property_value)}</dd></div>
          <div><dt>${t.term('offer')}</dt><dd>${money(deal.offer_amount)}</dd></div>
          <div><dt>${t.term('profit')}</dt><dd>${money(deal.estimated_profit)}</dd></div>
          <div><dt>${t.term('closeDate')}</dt><dd>${deal.close_date ? new Date(`${deal.close_date}T00:00:00`).toLocaleDateString(t.lang) : '—'}</dd></div>
          <div><dt>${t.term('inStageSince')}</dt><dd>${new Date(deal.stage_changed_at).toLocaleDateString(t.lang)}</dd></div>
        </dl>
      </section>
      <section aria-labelledby="property-heading">
        <h3 id="property-heading">${t.term('property')}</h3>
        ${this.facts.render(deal.property)}
      </section>
      ${this.renderLead()}
      <section aria-labelledby="analysis-heading">
        <h3 id="analysis-heading">${t.term('analysis')}</h3>
        ${this.renderAnalysis(deal)}
        <slot name="analysis"></slot>
      </section>
      <slot name="ai-drafts">
        <hk-deal-narrative opportunity-id=${deal.id} base-url=${this.baseUrl} token=${this.token}></hk-deal-narrative>
      </slot>
      <slot name="sequences"></slot>
      <section>
        <hk-activity-log part="activity" opportunity-id=${deal.id} base-url=${this.baseUrl} token=${this.token}></hk-activity-log>
      </section>`;
  }

  private renderLead() {
    const lead = this.lead;
    if (!lead) return nothing;
    const name = lead.contact.name || lead.contact.email || lead.contact.phone || '';
    return html`<section aria-labelledby="lead-heading">
      <h3 id="lead-heading">${this.t.term('lead')}</h3>
      <button type="button" aria-label=${this.t.term('openLead', name)} @click=${() => this.emit('hk-lead-selected', { lead } satisfies LeadSelectedDetail)}>${name}</button>
    </section>`;
  }

  private renderAnalysis(deal: Opportunity) {
    const { analysis } = deal;
    // The deal type the analysed strategy belongs to names it (a rental analysis: "Buy and hold").
    const type = analysis && DEAL_TYPES.find((dealType) => ANALYSIS_KIND_OF_DEAL[dealType] === analysis.kind);
    if (!type) return html`<p>${this.t.term('noAnalysis')}</p>`;
    const date = analysis.saved_at ? new Date(analysis.saved_at).toLocaleDateString(this.t.lang) : '—';
    return html`<p>${this.t.term('analysedAs', this.t.term(`deal_type_${type}`), date)}</p>`;
  }
}
