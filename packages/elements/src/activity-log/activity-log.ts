import type { Activity } from '@hidden-key/sdk/schemas';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { failureText } from '../base/error-text.js';
import { HkElement } from '../base/hk-element.js';
import { LocalizeController } from '../base/localize.js';
import { ConnectionController, type HkContext } from '../context.js';
import { type ActivityLogMessages, messages } from './activity-log.messages.js';
import { styles } from './activity-log.styles.js';

export interface ActivityLoggedDetail {
  activity: Activity;
}

declare global {
  interface HTMLElementEventMap {
    'hk-activity-logged': CustomEvent<ActivityLoggedDetail>;
  }
}

/**
 * @tag hk-activity-log
 * @summary The activity timeline of a lead or a deal, newest first, with a form to log a call or a
 * note. Used inside `<hk-lead-detail>` and `<hk-deal-detail>`, and usable alone.
 *
 * @event {CustomEvent<ActivityLoggedDetail>} hk-activity-logged - The server saved a logged call or note. `detail: { activity }`.
 *
 * @csspart form - The "log a call or note" form.
 * @csspart timeline - The list of activities; each is `activity`.
 *
 * @cssproperty --hk-color-primary - The log button.
 * @cssproperty --hk-color-border - The timeline's rule.
 * @cssproperty --hk-color-muted - Dates.
 * @cssproperty --hk-color-danger - Errors.
 * @cssproperty --hk-font - Font family.
 * @cssproperty --hk-font-size - Base font size.
 * @cssproperty --hk-color-text - Text colour.
 * @cssproperty --hk-color-focus - Focus ring.
 * @cssproperty --hk-space-s - Gap inside controls.
 * @cssproperty --hk-space-m - Gap between items.
 * @cssproperty --hk-color-surface - Background of panels, inputs and menus.
 * @cssproperty --hk-radius - Corner radius.
 * @cssproperty --hk-space-xs - Smallest gap.
 * @cssproperty --hk-color-on-primary - Text on primary buttons.
 */
export class HkActivityLog extends HkElement {
  static override styles = styles;

  /** Replaces any of its texts by message key (`activity-log.messages.ts`), in every language; see the README. */
  declare strings: Partial<ActivityLogMessages>;

  /** API host, when used without an `<hk-provider>`. */
  @property({ attribute: 'base-url' }) baseUrl = '';
  /** Session token, when used without an `<hk-provider>`. */
  @property() token = '';
  /** The lead whose activity to show (and log against). */
  @property({ attribute: 'lead-id' }) leadId = '';
  /** The deal whose activity to show (and log against). */
  @property({ attribute: 'opportunity-id' }) opportunityId = '';

  @state() private activities: Activity[] = [];
  @state() private loading = false;
  @state() private notice = '';
  @state() private kind: 'call' | 'note' = 'call';
  @state() private saving = false;
  @state() private status = '';

  private readonly t = new LocalizeController<ActivityLogMessages>(this, messages);
  private readonly connection = new ConnectionController(this, (context) => this.connect(context));
  private generation = 0;

  private get client() {
    return this.connection.value?.connection.client;
  }

  private connect(context: HkContext | undefined) {
    this.activities = [];
    if (context?.signedIn) this.load();
  }

  protected override updated(changed: PropertyValues<this>) {
    if ((changed.has('leadId') || changed.has('opportunityId')) && this.connection.value?.signedIn)
      this.load();
  }

  private get filter() {
    if (this.opportunityId) return { opportunity_id: this.opportunityId };
    if (this.leadId) return { lead_id: this.leadId };
    return null;
  }

  private async load() {
    const client = this.client;
    const filter = this.filter;
    if (!client || !filter) return;
    const generation = ++this.generation;
    this.loading = true;
    try {
      const page = await client.activities.list({ ...filter, limit: 50 });
      if (generation !== this.generation) return;
      this.activities = [...page.items].sort((a, b) => (a.created_at < b.created_at ? 1 : -1));
      this.notice = '';
    } catch (error) {
      if (generation === this.generation) this.notice = this.t.term('loadFailed', failureText(error, this.t));
    } finally {
      if (generation === this.generation) this.loading = false;
    }
  }

  private async onSubmit(event: SubmitEvent) {
    event.preventDefault();
    const client = this.client;
    const filter = this.filter;
    const box = this.renderRoot.querySelector('textarea');
    if (!client || !filter || !box || this.saving) return;
    const text = box.value.trim();
    if (!text) {
      this.status = this.t.term('needText');
      return;
    }
    this.saving = true;
    try {
      const now = new Date().toISOString();
      const activity = await client.activities.create({
        type: this.kind,
        status: 'completed',
        ...(this.kind === 'call' ? { subject: text.slice(0, 300) } : {}),
        description: text,
        completed_at: now,
        ...(this.leadId ? { lead_id: this.leadId } : {}),
        ...(this.opportunityId ? { opportunity_id: this.opportunityId } : {}),
      });
      this.activities = [activity, ...this.activities];
      box.value = '';
      this.status = this.t.term('logged');
      this.emit('hk-activity-logged', { activity });
    } catch (error) {
      this.status = this.t.term('logFailed', failureText(error, this.t));
    } finally {
      this.saving = false;
    }
  }

  protected override render() {
    const t = this.t;
    return html`<h3>${t.term('heading')}</h3>
      <form part="form" @submit=${this.onSubmit}>
        <fieldset>
          <legend>${t.term('logKind')}</legend>
          ${(['call', 'note'] as const).map(
            (kind) => html`<label
              ><input
                type="radio"
                name="kind"
                .checked=${this.kind === kind}
                @change=${() => {
                  this.kind = kind;
                }}
              />
              ${t.term(`kind_${kind}`)}</label
            >`,
          )}
        </fieldset>
        <label for="summary">${t.term('summary')}</label>
        <textarea id="summary" rows="3" maxlength="5000" placeholder=${t.term('summaryPlaceholder')}></textarea>
        <button type="submit" ?disabled=${this.saving}>${t.term(this.saving ? 'logging' : 'log')}</button>
        <p role="status" class=${this.status && this.status !== t.term('logged') ? 'bad' : ''}>${this.status}</p>
      </form>
      ${this.notice ? html`<p class="bad" role="alert">${this.notice}</p>` : nothing}
      ${
        this.loading && !this.activities.length
          ? html`<p>${t.term('loading')}</p>`
          : this.activities.length
            ? html`<ol part="timeline">
                ${this.activities.map(
                  (activity) => html`<li part="activity">
                    <p>
                      <strong>${t.term(`type_${activity.type}`)}</strong>
                      <span class="when"
                        ><time datetime=${activity.completed_at ?? activity.created_at}
                          >${new Date(activity.completed_at ?? activity.created_at).toLocaleString(t.lang)}</time
                        ></span
                      >
                    </p>
                    <p>${activity.description ?? activity.subject ?? ''}</p>
                  </li>`,
                )}
              </ol>`
            : html`<p>${t.term('empty')}</p>`
      }`;
  }
}
