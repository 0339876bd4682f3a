import type { PublicLeadCreate } from '@hidden-key/sdk/schemas';
import { pushAnalyticsEvent } from '../base/analytics.js';
import { captureAttribution } from './attribution.js';
import { acceptedCustomFields, parseField } from './lead-checks.js';
import type { HkLeadForm, LeadFormKit, Problem, ProblemKey } from './lead-form.js';
import { flowMessages } from './lead-form-flow.messages.js';
import type { DraftLead, QueuedLead } from './lead-outbox.js';
import type { FieldName } from './lead-rules.js';
import { type DeliveryReport, OutboxController } from './outbox-controller.js';

type Problems = Partial<Record<ProblemKey, Problem>>;

/**
 * Everything `<hk-lead-form>` does once a visitor has started filling it in: checking fields as
 * the server will (on leaving a field, per step, on submit), the error summary and the
 * announcements, building the lead, sending it through the outbox and showing the outcome. It
 * comes with the sending code (lead-sending.lazy.ts), so a page that only shows the form never
 * downloads it; the element hands it Lit's tags and its field tables instead of bundling them.
 */
export class LeadFormFlow {
  readonly #form: HkLeadForm;
  readonly #kit: LeadFormKit;
  readonly #outbox: OutboxController;
  readonly #touched = new Set<ProblemKey>();

  constructor(form: HkLeadForm, kit: LeadFormKit) {
    this.#form = form;
    this.#kit = kit;
    Object.assign(kit.english, flowMessages);
    this.#outbox = new OutboxController(
      form,
      (report) => this.#onDelivery(report),
      (draft) => this.#complete(draft),
    );
  }

  /** The refusal of the last submit and the summary of its problems, above the fields. */
  renderNotices() {
    const { html, nothing } = this.#kit;
    const form = this.#form;
    const t = form.localize;
    return html`${
      form.rejected
        ? html`<p part="message message-error" class="message error refusal" role="alert" tabindex="-1">${t.term(form.rejected === 'setup' ? 'refusedSetup' : 'rejected')}</p>`
        : nothing
    }${
      form.summary.length
        ? html`<div part="error-summary" class="summary" role="group" tabindex="-1" aria-labelledby="summary-title">
      <p id="summary-title">${t.term('summary', form.summary.length)}</p>
      <ul>
        ${form.summary.map(
          ([key, problem]) =>
            html`<li><a href="#f-${key}" @click=${this.#focusField}>${t.term('problemOf', this.#labelOf(key), this.#describe(problem))}</a></li>`,
        )}
      </ul>
    </div>`
        : nothing
    }`;
  }

  renderProblem(key: ProblemKey) {
    const problem = this.#form.problems[key];
    if (!problem) return this.#kit.nothing;
    return this.#kit
      .html`<p part="error error-${key}" class="error" id="f-${key}-error">${this.#describe(problem)}</p>`;
  }

  renderSent() {
    const form = this.#form;
    return this.#kit
      .html`<div part="message message-success" class="message success" role="status" tabindex="-1">
        <slot name="success">${form.successMessage || form.localize.term('success')}</slot>
      </div>`;
  }

  /** A field is checked when it is left; a new problem is announced with the field's name. */
  leave(key: ProblemKey) {
    const form = this.#form;
    this.#touched.add(key);
    const before = form.problems[key];
    this.#show(key);
    const after = form.problems[key];
    if (after && after.code !== before?.code)
      form.liveMessage = form.localize.term('problemOf', this.#labelOf(key), this.#describe(after));
  }

  /** Once a field has been left, its message follows every edit, so it clears as soon as it is fixed. */
  edit(key: ProblemKey) {
    if (this.#touched.has(key)) this.#show(key);
  }

  nextStep() {
    const form = this.#form;
    const keys = form.allKeys.filter((key) => form.stepOf(key) === form.step);
    return this.#showProblems(this.#findProblems(keys)) ?? form.goToStep(form.step + 1);
  }

  submit() {
    const form = this.#form;
    const keys = form.allKeys;
    const problems = this.#findProblems(keys);
    const lead = this.#complete(form.newLead());
    const { contact } = lead.body;
    if (!Object.keys(problems).length && !(contact.name || contact.email || contact.phone)) {
      const firstContactField = form.choices.find(
        (choice) => this.#kit.fieldControls[choice.name].group === 'contact',
      );
      problems[firstContactField?.name ?? keys[0] ?? 'name'] = { code: 'needContact' };
    }
    form.rejected = null;
    const shown = this.#showProblems(problems);
    if (shown) return shown;
    // Decided without a pause, so a second submit queued behind this one finds it sending.
    form.status = 'sending';
    form.pendingKey = lead.idempotencyKey;
    // Not awaited: `updateComplete` waits for the checks, not for the network.
    void this.#outbox.submit(lead);
  }

  #describe(problem: Problem): string {
    const t = this.#form.localize;
    if ('limit' in problem) return t.term(problem.code, t.number(problem.limit));
    return t.term(problem.code);
  }

  /** The field's name as its label says it, for the summary and announcements ("Email"). */
  #labelOf(key: ProblemKey): string {
    const form = this.#form;
    if (key === 'consent') return form.localize.term('label_consent');
    const custom = form.customFields.find((field) => field.key === key);
    return custom ? custom.label : form.localize.term(`label_${key as FieldName}`);
  }

  /** Checks one field as the server would, plus whether the form requires it. */
  #check(key: ProblemKey): Problem | undefined {
    const form = this.#form;
    const control = form.control(key);
    if (key === 'consent') return form.consentRequired && !control?.checked ? { code: 'consent' } : undefined;
    const custom = form.customFields.find((field) => field.key === key);
    if (custom) return custom.required && !control?.value.trim() ? { code: 'required' } : undefined;
    const result = parseField(this.#kit.fieldRules[key as FieldName], control?.value ?? '');
    if (result.issue) return result.issue;
    const required = form.choices.find((choice) => choice.name === key)?.required;
    return required && result.value === undefined ? { code: 'required' } : undefined;
  }

  #show(key: ProblemKey) {
    this.#form.problems = { ...this.#form.problems, [key]: this.#check(key) };
  }

  readonly #focusField = (event: Event) => {
    event.preventDefault();
    const id = (event.currentTarget as HTMLAnchorElement).hash.slice(1);
    this.#form.renderRoot.querySelector<HTMLElement>(`#${id}`)?.focus();
  };

  /** Checks `keys` as a submit does. */
  #findProblems(keys: ProblemKey[]): Problems {
    const problems: Problems = {};
    for (const key of keys) {
      this.#touched.add(key);
      const problem = this.#check(key);
      if (problem) problems[key] = problem;
    }
    return problems;
  }

  /**
   * Shows the problems found, summarised above the form, and focuses the summary once it is
   * drawn (the promise); `undefined` when there are none.
   */
  #showProblems(problems: Problems): Promise<void> | undefined {
    const form = this.#form;
    form.problems = problems;
    form.summary = Object.entries(problems) as [ProblemKey, Problem][];
    const first = form.summary[0]?.[0];
    if (!first) return undefined;
    // A problem in an earlier step: show that step, the summary links reach its fields.
    if (form.stepOf(first) !== form.step) form.step = form.stepOf(first);
    return form.rendered().then(() => form.renderRoot.querySelector<HTMLElement>('.summary')?.focus());
  }

  /**
   * The fields the server refused, from its `details` paths in the body `#complete` builds
   * (`contact.email`, `property.zip`, `motivation`, `custom_fields.timeline`, `consent.text`);
   * paths of fields the form does not show (attribution, hidden fields) are left to the refusal.
   */
  #refusedFields(details: Record<string, string[]> | null): Problems {
    const form = this.#form;
    const problems: Problems = {};
    for (const path of Object.keys(details ?? {})) {
      const [head, field] = path.split('.');
      const key =
        head === 'custom_fields' ? `x-${field}` : head === 'contact' || head === 'property' ? field : head;
      if (form.allKeys.includes(key as ProblemKey)) {
        this.#touched.add(key as ProblemKey);
        problems[key as ProblemKey] = { code: 'refused' };
      }
    }
    return problems;
  }

  /** Builds a draft's request body, exactly the shape of the server's `PublicLeadCreate`. */
  #complete({ draft, ...lead }: DraftLead): QueuedLead {
    const { fieldRules, fieldControls } = this.#kit;
    const { values } = draft;
    const contact: Record<string, string | number> = {};
    const property: Record<string, string | number> = {};
    const declared: Record<string, string> = {};
    let motivation: string | undefined;
    for (const [name, typed] of Object.entries(values)) {
      if (name.startsWith('x-')) {
        if (typed.trim()) declared[name.slice(2)] = typed.trim();
        continue;
      }
      const group = fieldControls[name as FieldName]?.group;
      if (!group) continue;
      const result = parseField(fieldRules[name as FieldName], typed);
      if (result.issue || result.value === undefined) continue;
      if (group === 'contact') contact[name] = result.value;
      else if (group === 'property') property[name] = result.value;
      else motivation = String(result.value);
    }
    const customFields = acceptedCustomFields({ ...draft.hidden, ...declared });
    const body: PublicLeadCreate = {
      contact,
      ...(Object.keys(property).length ? { property } : {}),
      ...(motivation === undefined ? {} : { motivation }),
      attribution: captureAttribution(),
      ...(draft.consentText && values.consent
        ? {
            consent: {
              text: draft.consentText.trim().slice(0, 5000),
              version: draft.consentVersion.trim() || null,
            },
          }
        : {}),
      ...(Object.keys(customFields).length ? { custom_fields: customFields } : {}),
      website: (values.website ?? '').slice(0, 2000),
      elapsed_ms: draft.elapsedMs,
    };
    return { ...lead, body };
  }

  async #onDelivery({ lead, outcome, firstAttempt }: DeliveryReport) {
    const form = this.#form;
    const own = lead.idempotencyKey === form.pendingKey;
    const idempotencyKey = lead.idempotencyKey;
    if (outcome.kind === 'sent') {
      form.emit('hk-lead-submitted', {
        idempotencyKey,
        leadId: outcome.leadId,
        fromQueue: !firstAttempt,
      });
      pushAnalyticsEvent('hk_lead_submitted', { hk_from_queue: !firstAttempt });
      if (own) {
        await form.settle('sent');
        this.#redirect();
      }
    } else if (outcome.kind === 'retry') {
      if (!firstAttempt) return;
      form.emit('hk-lead-queued', { idempotencyKey, reason: outcome.reason });
      pushAnalyticsEvent('hk_lead_queued', { hk_reason: outcome.reason });
      if (own) await form.settle('queued');
    } else {
      const { status, code, message, details, setupProblem } = outcome;
      form.emit('hk-lead-failed', { idempotencyKey, status, code, message, details, setupProblem });
      pushAnalyticsEvent('hk_lead_failed', { hk_status: status });
      if (own) {
        form.rejected = setupProblem ? 'setup' : 'input';
        form.status = 'editing';
        // The disabled Send button let go of focus: a keyboard user resumes at the summary of the
        // fields the server named, or at the refusal when it named none the form shows.
        const shown = setupProblem ? undefined : this.#showProblems(this.#refusedFields(details));
        if (shown) return shown;
        await form.rendered();
        form.renderRoot.querySelector<HTMLElement>('.refusal')?.focus();
      }
    }
  }

  /** Sends the visitor to `redirect-url` once their lead is received; only http(s) targets. */
  #redirect() {
    const form = this.#form;
    if (!form.redirectUrl) return;
    const target = new URL(form.redirectUrl, location.href);
    if (target.protocol === 'https:' || target.protocol === 'http:') form.navigate(target.href);
    else
      console.warn(
        `hk-lead-form: redirect-url must be an http or https address; "${form.redirectUrl}" is ignored.`,
      );
  }
}
