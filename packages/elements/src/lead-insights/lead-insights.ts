import type {
  Activity,
  AiContentKind,
  Lead,
  LeadAutomation,
  Sequence,
  SequenceEnrollment,
} from '@hidden-key/sdk/schemas';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { failureText } from '../base/error-text.js';
import { HkElement } from '../base/hk-element.js';
import { LocalizeController } from '../base/localize.js';
import type { Connection } from '../connection.js';
import { ConnectionController, type HkContext } from '../context.js';
import { type LeadInsightsMessages, messages } from './lead-insights.messages.js';
import { styles } from './lead-insights.styles.js';

/** One comparable sale as Maya's comparable-sales provider stores it in `lead.enrichment`. */
interface ComparableSale {
  city: string;
  state: string;
  zip: string | null;
  bedrooms: number | null;
  bathrooms: number | null;
  sqft: number | null;
  year_built: number | null;
  price: number;
}

interface ValueEstimate {
  value: number;
  low: number;
  high: number;
  area: { level: string; name: string };
  comps: ComparableSale[];
}

/**
 * `lead.enrichment.<provider>` of a provider that values the property from comps (see the server
 * README). `enrichment.filled_fields.estimated_value` (`{ by, value }`) is not one: no comps.
 */
const estimatesOf = (lead: Lead) =>
  Object.entries(lead.enrichment ?? {}).flatMap(([provider, result]) => {
    const estimate = (result as { estimated_value?: ValueEstimate | null } | null)?.estimated_value;
    return estimate && typeof estimate.value === 'number' && Array.isArray(estimate.comps)
      ? [{ provider, estimate }]
      : [];
  });

/** A pending activity Lex wrote (`metadata.ai_draft`), waiting for a person. */
const isDraft = (activity: Activity) =>
  activity.status === 'pending' &&
  (activity.type === 'email' || activity.type === 'sms') &&
  typeof activity.metadata?.ai_draft === 'object';

/** The panel's sections that carry a notice. */
type Section = 'enrichment' | 'drafts' | 'sequences';

/** How often, and how long, an enrichment job is followed before the panel stops waiting. */
const JOB_POLL_MS = 400;
const JOB_WAIT_MS = 60_000;

/**
 * @tag hk-lead-insights
 * @summary What the AI agents produced for one lead: where Steve's new-lead chain stands, Maya's value estimate with the comparable
 * sales it used (and a button to look them up), Lex's pending follow-up drafts to edit and send
 * (a text through the server, an email from the mail app, then marked sent) or discard (and
 * buttons to write more), and Nova's sequences with their state,
 * each step's outcome, a stop button and an enrol form. `<hk-lead-detail>` shows it in its
 * `ai-drafts` slot when this element is defined; it works alone too.
 *
 * @csspart automation - Steve's new-lead chain (enrich, score, draft, task), each step's state; only when the organisation runs it.
 * @csspart enrichment - The value estimate and its comps table.
 * @csspart drafts - The list of drafts; each is `draft`.
 * @csspart sequences - The lead's enrolments; each is `enrollment`.
 *
 * @cssproperty --hk-color-primary - Links.
 * @cssproperty --hk-color-muted - Fact labels.
 * @cssproperty --hk-color-danger - Errors.
 * @cssproperty --hk-font - Font family.
 * @cssproperty --hk-font-size - Base font size.
 * @cssproperty --hk-color-text - Text colour.
 * @cssproperty --hk-color-focus - Focus ring.
 * @cssproperty --hk-space-xs - Smallest gap.
 * @cssproperty --hk-space-s - Gap inside controls.
 * @cssproperty --hk-space-m - Gap between items.
 * @cssproperty --hk-space-l - Gap between sections.
 * @cssproperty --hk-color-surface - Background of inputs and buttons.
 * @cssproperty --hk-color-border - Borders of inputs and table rows.
 * @cssproperty --hk-radius - Corner radius.
 */
export class HkLeadInsights extends HkElement {
  static override styles = styles;

  /** Replaces any of its texts by message key (`lead-insights.messages.ts`), in every language; see the README. */
  declare strings: Partial<LeadInsightsMessages>;

  /** API host, when used without an `<hk-provider>`. */
  @property({ attribute: 'base-url' }) baseUrl = '';
  /** Session token, when used without an `<hk-provider>`. */
  @property() token = '';
  /** The lead whose agents' work to show. */
  @property({ attribute: 'lead-id' }) leadId = '';

  @state() private lead: Lead | undefined;
  @state() private drafts: Activity[] = [];
  @state() private enrollments: SequenceEnrollment[] = [];
  @state() private sequences: Sequence[] = [];
  @state() private automation: LeadAutomation | undefined;
  @state() private busy = '';
  @state() private notices: Record<Section, { text: string; bad: boolean }> = {
    enrichment: { text: '', bad: false },
    drafts: { text: '', bad: false },
    sequences: { text: '', bad: false },
  };

  private readonly t = new LocalizeController<LeadInsightsMessages>(this, messages);
  private readonly connection = new ConnectionController(this, (context) => this.connect(context));
  private unsubscribe?: () => void;
  private generation = 0;

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.unsubscribe?.();
  }

  private connect(context: HkContext | undefined) {
    this.unsubscribe?.();
    this.unsubscribe = context?.connection.stores.leads.$leads.subscribe((leads) => {
      this.lead = leads.get(this.leadId) ?? this.lead;
    });
    if (context?.signedIn) this.load();
  }

  protected override updated(changed: PropertyValues<this>) {
    if (changed.has('leadId') && changed.get('leadId') !== undefined) this.load();
  }

  private say(section: Section, text: string, bad = false) {
    this.notices = { ...this.notices, [section]: { text, bad } };
  }

  /** The lead, its drafts, its enrolments and the organisation's sequences, side by side. */
  private async load() {
    const connection = this.connection.value?.connection;
    const id = this.leadId;
    if (!connection || !id) return;
    const generation = ++this.generation;
    this.lead = connection.stores.leads.$leads.get().get(id);
    const { client } = connection;
    const [lead, activities, enrollments, sequences, automation] = await Promise.allSettled([
      client.leads.retrieve(id),
      client.activities.list({ lead_id: id, limit: 100 }),
      client.ai.sequences.ofLead(id),
      client.ai.sequences.list({ limit: 100 }),
      client.ai.automation(id),
    ]);
    if (generation !== this.generation) return;
    if (lead.status === 'fulfilled') {
      connection.stores.leads.seed([lead.value]);
      this.lead = lead.value;
    } else this.say('enrichment', this.t.term('loadFailed', failureText(lead.reason, this.t)), true);
    if (activities.status === 'fulfilled') this.drafts = activities.value.items.filter(isDraft);
    else this.say('drafts', this.t.term('loadFailed', failureText(activities.reason, this.t)), true);
    if (enrollments.status === 'fulfilled') this.enrollments = [...enrollments.value.items];
    else this.say('sequences', this.t.term('loadFailed', failureText(enrollments.reason, this.t)), true);
    if (sequences.status === 'fulfilled') this.sequences = [...sequences.value.items];
    this.automation = automation.status === 'fulfilled' ? automation.value : undefined;
  }

  /**
   * One action at a time: `busy` names it while `work` runs; what `work` returns is the section's
   * notice, and a failure becomes `failed` with the error's text.
   */
  private async act(
    busy: string,
    section: Section,
    failed: 'enrichFailed' | 'writeFailed' | 'sendFailed' | 'draftFailed' | 'enrolFailed' | 'stopFailed',
    work: (connection: Connection) => Promise<string>,
  ) {
    const connection = this.connection.value?.connection;
    if (!connection || this.busy) return;
    this.busy = busy;
    try {
      this.say(section, await work(connection));
    } catch (error) {
      this.say(section, this.t.term(failed, failureText(error, this.t)), true);
    } finally {
      this.busy = '';
    }
  }

  /** Maya: queues the enrichment, follows its job, then shows the re-read lead. */
  private enrich() {
    return this.act('enrich', 'enrichment', 'enrichFailed', async (connection) => {
      this.say('enrichment', this.t.term('enriching'));
      let job = await connection.client.ai.enrich(this.leadId);
      const deadline = Date.now() + JOB_WAIT_MS;
      while ((job.state === 'queued' || job.state === 'running') && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, JOB_POLL_MS));
        job = await connection.client.jobs.retrieve(job.id);
      }
      if (job.state !== 'succeeded') throw new Error(job.last_error ?? job.state);
      const lead = await connection.client.leads.retrieve(this.leadId);
      connection.stores.leads.seed([lead]);
      this.lead = lead;
      return this.t.term('enriched');
    });
  }

  /** Lex: new drafts, saved by the server as pending activities, shown first. */
  private write(kind: AiContentKind) {
    return this.act(kind, 'drafts', 'writeFailed', async ({ client }) => {
      this.say('drafts', this.t.term('writing'));
      const result = await client.ai.content({ lead_id: this.leadId, kind });
      const page = await client.activities.list({ lead_id: this.leadId, limit: 100 });
      this.drafts = page.items.filter(isDraft);
      return this.t.term(
        'written',
        this.t.number(result.drafts.length),
        this.t.term(`source_${result.source}`),
      );
    });
  }

  /** Texts the lead an SMS draft as edited: saved first, then sent by the server (consent checked there). */
  private sendText(draft: Activity) {
    const box = this.renderRoot.querySelector<HTMLTextAreaElement>(`[data-draft="${draft.id}"] textarea`);
    return this.act(draft.id, 'drafts', 'sendFailed', async ({ client }) => {
      if (box && box.value !== draft.description)
        await client.activities.update(draft.id, { description: box.value });
      await client.activities.send(draft.id);
      this.drafts = this.drafts.filter((other) => other.id !== draft.id);
      return this.t.term('textSent');
    });
  }

  private changeDraft(draft: Activity, change: 'save' | 'sent' | 'discard') {
    const item = this.renderRoot.querySelector(`[data-draft="${draft.id}"]`);
    const subject = item?.querySelector<HTMLInputElement>('input[name="subject"]')?.value;
    const body = item?.querySelector<HTMLTextAreaElement>('textarea')?.value ?? draft.description ?? '';
    return this.act(draft.id, 'drafts', 'draftFailed', async ({ client }) => {
      const edited = { description: body, ...(subject === undefined ? {} : { subject }) };
      const updated = await client.activities.update(
        draft.id,
        change === 'save'
          ? edited
          : change === 'sent'
            ? { ...edited, status: 'completed', completed_at: new Date().toISOString() }
            : { status: 'cancelled' },
      );
      this.drafts = this.drafts.flatMap((other) =>
        other.id !== draft.id ? [other] : isDraft(updated) ? [updated] : [],
      );
      return this.t.term(change === 'save' ? 'saved' : change === 'sent' ? 'markedSent' : 'discarded');
    });
  }

  /** Nova: enrols the lead in the sequence picked in the form. */
  private enrol(event: SubmitEvent) {
    event.preventDefault();
    const sequenceId = this.renderRoot.querySelector<HTMLSelectElement>('select[name="sequence"]')?.value;
    if (!sequenceId) return;
    return this.act('enrol', 'sequences', 'enrolFailed', async ({ client }) => {
      const enrollment = await client.ai.sequences.enroll(sequenceId, this.leadId);
      this.enrollments = [enrollment, ...this.enrollments];
      return this.t.term('enrolled');
    });
  }

  private stop(enrollment: SequenceEnrollment) {
    return this.act(enrollment.id, 'sequences', 'stopFailed', async ({ client }) => {
      const stopped = await client.ai.sequences.stopEnrollment(enrollment.id);
      this.enrollments = this.enrollments.map((other) => (other.id === stopped.id ? stopped : other));
      return this.t.term('stopped');
    });
  }

  protected override render() {
    return html`${this.renderAutomation()}${this.renderEnrichment()}${this.renderDrafts()}${this.renderSequences()}`;
  }

  /** Steve's new-lead chain, step by step, when the organisation runs it. */
  private renderAutomation() {
    const t = this.t;
    const automation = this.automation;
    if (!automation?.enabled) return nothing;
    return html`<section part="automation" aria-labelledby="automation-heading">
      <h3 id="automation-heading">${t.term('automationHeading')}</h3>
      <ul>
        ${automation.steps.map(
          (step) =>
            html`<li>${t.term(`automationStep_${step.step}`)}: ${t.term(`jobState_${step.state}`)}${step.last_error && step.state !== 'succeeded' ? html` (${step.last_error})` : nothing}</li>`,
        )}
      </ul>
    </section>`;
  }

  private notice(section: Section) {
    const { text, bad } = this.notices[section];
    return html`<p role="status" class=${bad ? 'bad' : ''}>${text}</p>`;
  }

  private renderEnrichment() {
    const t = this.t;
    const estimates = this.lead ? estimatesOf(this.lead) : [];
    const money = (value: number) => t.currency(value, undefined, 0);
    const count = (value: number | null) => (value === null ? '—' : t.number(value));
    return html`<section part="enrichment" aria-labelledby="enrichment-heading">
      <h3 id="enrichment-heading">${t.term('enrichmentHeading')}</h3>
      ${estimates.length ? nothing : html`<p>${t.term('noEstimate')}</p>`}
      ${estimates.map(
        ({
          estimate,
        }) => html`<p class="score">${t.term('estimate', money(estimate.value), money(estimate.low), money(estimate.high))}</p>
          <p>${t.term('estimateBasis', t.number(estimate.comps.length), estimate.area.name)}</p>
          <table>
            <caption>${t.term('compsCaption')}</caption>
            <thead><tr><th scope="col">${t.term('compPlace')}</th><th scope="col">${t.term('compBeds')}</th><th scope="col">${t.term('compBaths')}</th><th scope="col">${t.term('compSqft')}</th><th scope="col">${t.term('compYear')}</th><th scope="col">${t.term('compPrice')}</th></tr></thead>
            <tbody>
              ${estimate.comps.map(
                (comp) => html`<tr>
                  <td>${[comp.city, comp.zip].filter(Boolean).join(' ')}</td>
                  <td>${count(comp.bedrooms)}</td>
                  <td>${count(comp.bathrooms)}</td>
                  <td>${count(comp.sqft)}</td>
                  <td>${comp.year_built ?? '—'}</td>
                  <td class="money">${money(comp.price)}</td>
                </tr>`,
              )}
            </tbody>
          </table>`,
      )}
      <div class="actions">
        <button type="button" ?disabled=${Boolean(this.busy)} @click=${this.enrich}>${t.term(this.busy === 'enrich' ? 'enriching' : 'enrich')}</button>
      </div>
      ${this.notice('enrichment')}
    </section>`;
  }

  private renderDrafts() {
    const t = this.t;
    const email = this.lead?.contact.email;
    return html`<section aria-labelledby="drafts-heading">
      <h3 id="drafts-heading">${t.term('draftsHeading')}</h3>
      <div class="actions">
        <button type="button" ?disabled=${Boolean(this.busy)} @click=${() => this.write('follow_up_email')}>${t.term('writeEmail')}</button>
        <button type="button" ?disabled=${Boolean(this.busy)} @click=${() => this.write('follow_up_sms')}>${t.term('writeSms')}</button>
      </div>
      ${this.notice('drafts')}
      ${
        this.drafts.length
          ? html`<ol part="drafts">
              ${this.drafts.map((draft) => {
                const mail = `mailto:${email ?? ''}?subject=${encodeURIComponent(draft.subject ?? '')}&body=${encodeURIComponent(draft.description ?? '')}`;
                return html`<li part="draft" data-draft=${draft.id}>
                  <h4>${t.term(draft.type === 'sms' ? 'draft_sms' : 'draft_email')}</h4>
                  ${draft.type === 'email' ? html`<label class="wide">${t.term('draftSubject')}<input name="subject" .value=${draft.subject ?? ''} /></label>` : nothing}
                  <label class="wide">${t.term('draftBody')}<textarea rows=${draft.type === 'sms' ? 3 : 6} .value=${draft.description ?? ''}></textarea></label>
                  <div class="actions">
                    <button type="button" ?disabled=${Boolean(this.busy)} @click=${() => this.changeDraft(draft, 'save')}>${t.term('save')}</button>
                    ${draft.type === 'email' && email ? html`<a href=${mail}>${t.term('openEmail')}</a>` : nothing}
                    ${
                      draft.type === 'sms'
                        ? html`<button type="button" ?disabled=${Boolean(this.busy)} @click=${() => this.sendText(draft)}>${t.term('sendText')}</button>`
                        : html`<button type="button" ?disabled=${Boolean(this.busy)} @click=${() => this.changeDraft(draft, 'sent')}>${t.term('markSent')}</button>`
                    }
                    <button type="button" ?disabled=${Boolean(this.busy)} @click=${() => this.changeDraft(draft, 'discard')}>${t.term('discard')}</button>
                  </div>
                </li>`;
              })}
            </ol>`
          : html`<p>${t.term('noDrafts')}</p>`
      }
    </section>`;
  }

  private renderSequences() {
    const t = this.t;
    const names = new Map(this.sequences.map((sequence) => [sequence.id, sequence.name]));
    const enrolled = new Set(this.enrollments.map((enrollment) => enrollment.sequence_id));
    const open = this.sequences.filter((sequence) => !enrolled.has(sequence.id));
    return html`<section aria-labelledby="sequences-heading">
      <h3 id="sequences-heading">${t.term('sequencesHeading')}</h3>
      ${
        this.enrollments.length
          ? html`<ol part="sequences">
              ${this.enrollments.map(
                (enrollment) => html`<li part="enrollment">
                  <h4>${names.get(enrollment.sequence_id) ?? enrollment.sequence_id}</h4>
                  <p>
                    <strong>${t.term(`state_${enrollment.state}`)}</strong>${enrollment.stop_reason ? html` (${t.term(`stopReason_${enrollment.stop_reason}`)})` : nothing}
                    ${
                      enrollment.next_step !== null && enrollment.next_run_at
                        ? html`· ${t.term('nextStep', t.number(enrollment.next_step + 1), new Date(enrollment.next_run_at).toLocaleString(t.lang))}`
                        : nothing
                    }
                  </p>
                  ${
                    enrollment.history.length
                      ? html`<ul>
                          ${enrollment.history.map(
                            (run) =>
                              html`<li>${t.term('stepRun', t.number(run.step + 1), t.term(`channel_${run.channel}`))}: ${run.outcome === 'done' ? t.term('outcome_done') : t.term('outcome_skipped', run.skipped_reason ?? '')}</li>`,
                          )}
                        </ul>`
                      : nothing
                  }
                  ${enrollment.state === 'active' ? html`<div class="actions"><button type="button" ?disabled=${Boolean(this.busy)} @click=${() => this.stop(enrollment)}>${t.term('stop')}</button></div>` : nothing}
                </li>`,
              )}
            </ol>`
          : html`<p>${t.term('notEnrolled')}</p>`
      }
      ${
        open.length
          ? html`<form class="actions" @submit=${this.enrol}>
              <label>${t.term('sequence')}
                <select name="sequence">${open.map((sequence) => html`<option value=${sequence.id}>${sequence.name}</option>`)}</select>
              </label>
              <button type="submit" ?disabled=${Boolean(this.busy)}>${t.term('enrol')}</button>
            </form>`
          : nothing
      }
      ${this.notice('sequences')}
    </section>`;
  }
}
