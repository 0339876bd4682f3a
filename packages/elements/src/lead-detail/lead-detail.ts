import type { Lead, LeadStatus } from '@hidden-key/sdk/schemas';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { LEAD_STATUSES } from '../base/contract-lists.js';
import { failureText } from '../base/error-text.js';
import { HkElement } from '../base/hk-element.js';
import { formatPhone, sourceLabel } from '../base/lead-text.js';
import { LocalizeController } from '../base/localize.js';
import { PropertyFacts } from '../base/property-facts.js';
import { SettleController } from '../base/settle-controller.js';
import { ConnectionController, type HkContext } from '../context.js';
import '../activity-log/activity-log.define.js';
import type { LeadStatusChangedDetail } from '../lead-list/lead-list.js';
import { type LeadDetailMessages, messages } from './lead-detail.messages.js';
import { styles } from './lead-detail.styles.js';

/**
 * @tag hk-lead-detail
 * @summary One lead in full: contact and property, score with its reasons, status, the activity
 * timeline with "log a call or note", and slots for what the server adds (enrichment, AI drafts,
 * sequences). The portal opens it when a lead is selected; it works alone too.
 *
 * @slot enrichment - Replaces the enrichment section (by default the lead's `enrichment` facts).
 * @slot ai-drafts - What the AI agents produced for this lead; by default `<hk-lead-insights>`
 * (value estimate with its comps, follow-up drafts, sequences), shown once that element is defined
 * (the portal and `hk-elements.js` load it from `hk-insights.js`).
 * @slot sequences - The follow-up sequences this lead is in.
 *
 * @event {CustomEvent<LeadStatusChangedDetail>} hk-lead-status-changed - The server accepted a status change. `detail: { lead, previous }`.
 * @event {CustomEvent<ActivityLoggedDetail>} hk-activity-logged - A call or note was logged (from the inner `<hk-activity-log>`).
 *
 * @csspart header - Name, source and date.
 * @csspart contact - The contact section.
 * @csspart property - The property facts.
 * @csspart status - The status select.
 * @csspart score - The score section.
 * @csspart activity - The `<hk-activity-log>` inside.
 *
 * @cssproperty --hk-color-primary - Links and buttons.
 * @cssproperty --hk-color-muted - Fact labels and dates.
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
export class HkLeadDetail extends HkElement {
  static override styles = styles;

  /** Replaces any of its texts by message key (`lead-detail.messages.ts`), in every language; see the README. */
  declare strings: Partial<LeadDetailMessages>;

  /** API host, when used without an `<hk-provider>`. */
  @property({ attribute: 'base-url' }) baseUrl = '';
  /** Session token, when used without an `<hk-provider>`. */
  @property() token = '';
  /** The lead to show. */
  @property({ attribute: 'lead-id' }) leadId = '';

  @state() private lead: Lead | undefined;
  @state() private problem = '';
  @state() private statusMessage = '';
  @state() private statusFailed = false;

  private readonly t = new LocalizeController<LeadDetailMessages>(this, messages);
  private readonly facts = new PropertyFacts(this);
  private readonly connection = new ConnectionController(this, (context) => this.connect(context));
  private unsubscribe?: () => void;
  /** A status picked with the arrow keys, saved once the person stops on it or leaves the select. */
  private readonly statusChoice = new SettleController<Lead, LeadStatus>(this, (lead, status) =>
    this.saveStatus(lead, status),
  );

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.unsubscribe?.();
  }

  private get store() {
    return this.connection.value?.connection.stores.leads;
  }

  private connect(context: HkContext | undefined) {
    this.unsubscribe?.();
    this.unsubscribe = context?.connection.stores.leads.$leads.subscribe((leads) => {
      this.lead = leads.get(this.leadId) ?? this.lead;
    });
    if (context?.signedIn) this.load();
  }

  protected override updated(changed: PropertyValues<this>) {
    if (changed.has('leadId') && changed.get('leadId') !== undefined) {
      this.lead = this.store?.$leads.get().get(this.leadId);
      this.load();
    }
  }

  /** Shows the kept copy at once and asks the server for the current one. */
  private async load() {
    const connection = this.connection.value?.connection;
    const id = this.leadId;
    if (!connection || !id) return;
    this.lead = connection.stores.leads.$leads.get().get(id);
    this.problem = '';
    try {
      const lead = await connection.client.leads.retrieve(id);
      if (id !== this.leadId) return;
      connection.stores.leads.seed([lead]);
      this.lead = lead;
    } catch (error) {
      if (id !== this.leadId) return;
      const status = (error as { status?: number }).status;
      this.problem =
        status === 404 ? this.t.term('notFound') : this.t.term('loadFailed', failureText(error, this.t));
    }
  }

  private onStatusChange(event: Event) {
    if (this.lead)
      this.statusChoice.choose(
        this.lead.id,
        this.lead,
        (event.target as HTMLSelectElement).value as LeadStatus,
      );
  }

  private readonly settleStatus = () => {
    if (this.lead) this.statusChoice.settle(this.lead.id);
  };

  private async saveStatus(lead: Lead, status: LeadStatus) {
    const store = this.store;
    if (!store || status === lead.status) return;
    try {
      const updated = await store.update(lead.id, { status });
      this.statusMessage = this.t.term('statusSaved', this.t.term(`status_${status}`));
      this.statusFailed = false;
      this.emit('hk-lead-status-changed', {
        lead: updated,
        previous: lead.status,
      } satisfies LeadStatusChangedDetail);
    } catch (error) {
      this.statusMessage = this.t.term('statusRefused', failureText(error, this.t));
      this.statusFailed = true;
    }
  }

  protected override render() {
    const t = this.t;
    const lead = this.lead;
    if (!lead) return html`<p role="status">${this.problem || t.term('loading')}</p>`;
    const name = lead.contact.name || lead.contact.email || lead.contact.phone || t.term('unnamed');
    return html`<header part="header">
        <h2>${name}</h2>
        <p class="sub">${t.term('from', sourceLabel(lead.source, t.language), new Date(lead.created_at).toLocaleDateString(t.lang))}</p>
      </header>
      ${this.problem ? html`<p class="bad" role="alert">${this.problem}</p>` : nothing}
      <section>
        <label
          >${t.term('status')}
          <select part="status" .value=${this.statusChoice.valueOf(lead.id) ?? lead.status} @change=${this.onStatusChange} @blur=${this.settleStatus}>
            ${LEAD_STATUSES.map(
              (status) =>
                html`<option value=${status} ?selected=${(this.statusChoice.valueOf(lead.id) ?? lead.status) === status}>${t.term(`status_${status}`)}</option>`,
            )}
          </select>
        </label>
        <p role="status" class=${this.statusFailed ? 'bad' : ''}>${this.statusMessage}</p>
      </section>
      <section part="contact" aria-labelledby="contact-heading">
        <h3 id="contact-heading">${t.term('contact')}</h3>
        ${
          lead.contact.email || lead.contact.phone
            ? html`<dl class="facts">
                ${lead.contact.email ? html`<div><dt>${t.term('email')}</dt><dd><a href="mailto:${lead.contact.email}">${lead.contact.email}</a></dd></div>` : nothing}
                ${lead.contact.phone ? html`<div><dt>${t.term('phone')}</dt><dd><a href="tel:${lead.contact.phone}">${formatPhone(lead.contact.phone)}</a></dd></div>` : nothing}
              </dl>`
            : html`<p>${t.term('noContact')}</p>`
        }
      </section>
      <section aria-labelledby="property-heading">
        <h3 id="property-heading">${t.term('property')}</h3>
        ${this.facts.render(lead.property)}
        ${lead.motivation ? html`<h3>${t.term('motivation')}</h3><p>${lead.motivation}</p>` : nothing}
      </section>
      ${this.renderScore(lead)}
      <section>
        <slot name="enrichment">${this.renderEnrichment(lead)}</slot>
      </section>
      <slot name="ai-drafts">
        <hk-lead-insights lead-id=${lead.id} base-url=${this.baseUrl} token=${this.token}></hk-lead-insights>
      </slot>
      <slot name="sequences"></slot>
      <section>
        <hk-activity-log part="activity" lead-id=${lead.id} base-url=${this.baseUrl} token=${this.token}></hk-activity-log>
      </section>`;
  }

  private renderScore(lead: Lead) {
    const t = this.t;
    const reasons = lead.score_details?.reasons ?? [];
    return html`<section part="score" aria-labelledby="score-heading">
      <h3 id="score-heading">${t.term('score')}</h3>
      ${
        lead.score === null
          ? html`<p>${t.term('notScored')}</p>`
          : html`<p class="score">${t.term('scoreOutOf', t.number(lead.score, { maximumFractionDigits: 0 }))}</p>
              ${
                reasons.length
                  ? html`<h4>${t.term('why')}</h4>
                      <ul>
                        ${reasons.map((reason) => html`<li><span aria-hidden="true">${reason.contribution >= 0 ? '▲' : '▼'}</span> ${reason.text}</li>`)}
                      </ul>`
                  : nothing
              }`
      }
    </section>`;
  }

  /** The lead's `enrichment` object as facts; nothing when the server has added none. */
  private renderEnrichment(lead: Lead) {
    const entries = Object.entries(lead.enrichment ?? {}).filter(
      ([, value]) => value !== null && value !== undefined && typeof value !== 'object',
    );
    if (!entries.length) return nothing;
    return html`<h3>${this.t.term('enrichment')}</h3>
      <dl class="facts">
        ${entries.map(([key, value]) => html`<div><dt>${key.replaceAll('_', ' ')}</dt><dd>${String(value)}</dd></div>`)}
      </dl>`;
  }
}
