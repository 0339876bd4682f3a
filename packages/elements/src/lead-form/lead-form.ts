import type { PublicLeadCreate } from '@hidden-key/sdk/schemas';
import { html, nothing, type PropertyValues } from 'lit';
import { pushAnalyticsEvent } from '../base/analytics.js';
import { HkElement } from '../base/hk-element.js';
import { LocalizeController } from '../base/localize.js';
import { captureAttribution } from './attribution.js';
import { newIdempotencyKey } from './idempotency-key.js';
import type { SetupProblem } from './lead-delivery.js';
import { defaultFieldList, type FieldChoice, fieldControls, parseFieldList } from './lead-fields.js';
import { type LeadFormMessages, leadFormMessages } from './lead-form.messages.js';
import { styles } from './lead-form.styles.js';
import type { QueuedLead } from './lead-outbox.js';
import {
  acceptedCustomFields,
  type FieldIssue,
  type FieldName,
  fieldRules,
  parseField,
} from './lead-rules.js';
import type * as Sending from './lead-sending.lazy.js';
import type { DeliveryReport, OutboxController } from './outbox-controller.js';
import { DAY_MS, DEFAULT_QUEUE_DAYS, OUTBOX_STORAGE_KEY } from './outbox-settings.js';

/**
 * What a page learns when its lead is accepted. Whether it merged into an existing lead is not
 * among it: the public endpoint keeps that to itself, or anyone holding the page's publishable key
 * could test which emails are in the organisation's CRM. The server's `lead.created` and
 * `lead.updated` events (and webhooks) tell the organisation.
 */
export interface LeadSubmittedDetail {
  idempotencyKey: string;
  leadId: string | null;
  /** Sent by a retry from the outbox rather than when the person pressed submit. */
  fromQueue: boolean;
}

export interface LeadQueuedDetail {
  idempotencyKey: string;
  reason: 'offline' | 'network' | 'server';
}

export interface LeadFailedDetail {
  idempotencyKey: string;
  /** The HTTP status; 0 when the server refused the page's origin before the request (CORS). */
  status: number;
  code: string | null;
  message: string | null;
  /** Set when the form's setup is at fault (origin not allowed, key revoked or unknown), not the seller's input. */
  setupProblem: SetupProblem | null;
}

declare global {
  interface HTMLElementEventMap {
    'hk-lead-submitted': CustomEvent<LeadSubmittedDetail>;
    'hk-lead-queued': CustomEvent<LeadQueuedDetail>;
    'hk-lead-failed': CustomEvent<LeadFailedDetail>;
  }
}

type Problem = FieldIssue | { code: 'required' | 'consent' | 'needContact' };
/** A custom field's key: `x-` and the name it has in `custom_fields`. */
type CustomKey = `x-${string}`;
type ProblemKey = FieldName | 'consent' | CustomKey;

/** A field declared in the form's markup: `<hk-field name="timeline" label="..." options="a|b" required>`. */
interface CustomField {
  key: CustomKey;
  label: string;
  options: string[];
  multiline: boolean;
  required: boolean;
}

const CUSTOM_NAME = /^[a-z][a-z0-9_]{0,99}$/;
const CUSTOM_MAX = 2000;

/** Reads the `<hk-field>` children; a bad name is left out with a warning, as in `fields`. */
function customFieldsOf(host: HTMLElement): CustomField[] {
  const fields: CustomField[] = [];
  for (const child of host.querySelectorAll(':scope > hk-field')) {
    const name = child.getAttribute('name') ?? '';
    if (!CUSTOM_NAME.test(name)) {
      console.warn(`hk-lead-form: custom field "${name}" needs a name like "sell_timeline" and is left out.`);
      continue;
    }
    const options = child.getAttribute('options');
    fields.push({
      key: `x-${name}`,
      label: child.getAttribute('label') || name,
      options: options
        ? options
            .split('|')
            .map((option) => option.trim())
            .filter(Boolean)
        : [],
      multiline: child.getAttribute('type') === 'textarea',
      required: child.hasAttribute('required'),
    });
  }
  return fields;
}

const fieldId = (name: string) => `f-${name}`;

/** Whether this device holds submissions still to send (read without loading the outbox). */
function storedLeads(): boolean {
  try {
    return Boolean(localStorage.getItem(OUTBOX_STORAGE_KEY));
  } catch {
    return false;
  }
}

/** Adds a lead to the stored outbox as the outbox itself would; without storage it waits in memory only. */
function keepOnDevice(lead: QueuedLead) {
  try {
    const stored = JSON.parse(localStorage.getItem(OUTBOX_STORAGE_KEY) ?? '[]') as QueuedLead[];
    localStorage.setItem(OUTBOX_STORAGE_KEY, JSON.stringify([...stored, lead]));
  } catch {
    // Kept by the `online` retry alone.
  }
}

/**
 * @tag hk-lead-form
 * @summary A seller-lead capture form for any website: validates like the server, records
 * attribution and consent, and never loses a submission to a network failure.
 *
 * @slot heading - Replaces the default heading.
 * @slot - `<hk-field name label options required type>` children declare custom fields, saved in
 * `custom_fields` under their name (`options="a|b"` makes a select, `type="textarea"` a text box).
 * @slot success - Replaces the message shown once the lead is received.
 *
 * @event {CustomEvent<LeadSubmittedDetail>} hk-lead-submitted - The server accepted the lead (`detail`: idempotencyKey, leadId, fromQueue).
 * @event {CustomEvent<LeadQueuedDetail>} hk-lead-queued - The lead could not be sent now; it is saved on the device and retried for `queue-days`.
 * @event {CustomEvent<LeadFailedDetail>} hk-lead-failed - The server refused the lead (`detail`: status, code, message, setupProblem); nothing is kept.
 *
 * @csspart form - The form element.
 * @csspart heading - The heading wrapper.
 * @csspart note - The note explaining the required marker.
 * @csspart error-summary - The list of problems, focused after a failed submit.
 * @csspart field - Each field's wrapper; also `field-<name>` (e.g. `field-email`, `field-consent`).
 * @csspart label - Each label; also `label-<name>` (`label-consent` for the consent box).
 * @csspart required - The required marker.
 * @csspart input - Each input, select and textarea; also `input-<name>`.
 * @csspart checkbox - The consent checkbox.
 * @csspart error - Each field's error message; also `error-<name>`.
 * @csspart button - The submit button; with `steps`, also the next and back buttons.
 * @csspart step - "Step 1 of 2", with `steps`.
 * @csspart message - Status messages; also `message-success`, `message-queued`, `message-error`.
 *
 * @cssproperty --hk-color-primary - Button and accent colour.
 * @cssproperty --hk-color-on-primary - Text on the button.
 * @cssproperty --hk-color-text - Text colour.
 * @cssproperty --hk-color-muted - Secondary text.
 * @cssproperty --hk-color-surface - Input background.
 * @cssproperty --hk-color-border - Input borders.
 * @cssproperty --hk-color-danger - Errors.
 * @cssproperty --hk-color-success - Success message.
 * @cssproperty --hk-color-focus - Focus ring.
 * @cssproperty --hk-radius - Corner radius.
 * @cssproperty --hk-space-xs - Smallest gap (label to input).
 * @cssproperty --hk-space-s - Gap inside controls.
 * @cssproperty --hk-space-m - Gap between fields.
 * @cssproperty --hk-font - Font family.
 * @cssproperty --hk-font-size - Base font size.
 * @cssproperty --hk-space-l - Gap between sections.
 */
export class HkLeadForm extends HkElement {
  static override styles = styles;

  /**
   * The reactive properties, declared here rather than with Lit's decorators: the decorators'
   * runtime and one call per property cost the embed about 0.4 KB min+gz (see scripts/embed.mjs).
   */
  static override properties = {
    publishableKey: { attribute: 'publishable-key' },
    baseUrl: { attribute: 'base-url' },
    fields: {},
    consentText: { attribute: 'consent-text' },
    consentVersion: { attribute: 'consent-version' },
    consentRequired: { attribute: 'consent-required', type: Boolean },
    successMessage: { attribute: 'success-message' },
    hiddenFields: { attribute: 'hidden-fields', type: Object },
    prefill: { type: Object },
    prefillParams: { attribute: 'prefill-params' },
    redirectUrl: { attribute: 'redirect-url' },
    steps: {},
    queueDays: { attribute: 'queue-days', type: Number },
    status: { state: true },
    problems: { state: true },
    summary: { state: true },
    rejected: { state: true },
    liveMessage: { state: true },
    step: { state: true },
  };

  /** Replaces any of its texts by message key (`lead-form.messages.ts`), in every language; see the README. */
  declare strings: Partial<LeadFormMessages>;

  /** The organisation's publishable key (`pk_...`). */
  publishableKey = '';

  /** The API origin, e.g. `https://api.example.com`; the page's own origin when empty. */
  baseUrl = '';

  /** The fields to show, in order, `*` marking required ones: `name*,email*,phone,address,motivation`. */
  fields = defaultFieldList;

  /** When set, a consent checkbox with this exact text; the text is stored with the lead. */
  consentText = '';

  /** The version of the consent text, stored with it. */
  consentVersion = '';

  /** Whether the consent box must be checked to submit. */
  consentRequired = false;

  /** Replaces the default thank-you text (the `success` slot replaces it entirely). */
  successMessage = '';

  /**
   * Values the host page adds to the lead's `custom_fields`, as a property or as JSON in the
   * `hidden-fields` attribute. `data-field-<name>` attributes add to them too.
   */
  hiddenFields: Record<string, unknown> = {};

  /** Starting values by field name (standard or custom): `prefill='{"zip": "78701"}'`. */
  prefill: Record<string, string> = {};

  /**
   * The URL parameters allowed to pre-fill fields of the same name, comma-separated
   * (`prefill-params="zip,address"` reads `?zip=78701`). Opt-in, so a link cannot fill what the
   * page did not choose; they win over `prefill`.
   */
  prefillParams = '';

  /** Where to send the visitor once the lead is received (http or https only). */
  redirectUrl = '';

  /**
   * Splits the form into steps by field group, in order: `steps="contact,property"`. Fields of
   * groups not listed, custom fields and consent come in the last step.
   */
  steps = '';

  /** Days a submission that could not be sent waits on the device before it is dropped. */
  queueDays = DEFAULT_QUEUE_DAYS;

  private status: 'editing' | 'sending' | 'queued' | 'sent' = 'editing';
  private problems: Partial<Record<ProblemKey, Problem>> = {};
  /** The problems found by the last submit, listed above the form until the next one. */
  private summary: [ProblemKey, Problem][] = [];
  /** The last refusal: the seller's input (`input`) or the form's setup (`setup`), shown until the next submit. */
  private rejected: 'input' | 'setup' | null = null;
  /** What the polite live region reads: a field's problem as it appears when the field is left. */
  private liveMessage = '';
  private step = 0;
  #customFields: CustomField[] = [];

  readonly #localize = new LocalizeController(this, leadFormMessages);
  /**
   * The sending code (delivery, the outbox and its retries, refusal diagnostics): a file of its
   * own, which most visits never need. It is fetched once a visitor starts filling the form in,
   * or at once when this device holds a submission still to send.
   */
  #sending: Promise<typeof Sending> | undefined;
  #outbox: OutboxController | undefined;
  #choices: FieldChoice[] = [];
  readonly #touched = new Set<ProblemKey>();
  #pendingKey = '';
  #shownAt = 0;

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('fields')) this.#choices = parseFieldList(this.fields);
  }

  override connectedCallback() {
    super.connectedCallback();
    this.#customFields = customFieldsOf(this);
    if (storedLeads()) this.#loadSending().catch(() => {});
    else this.addEventListener('focusin', this.#prefetch, { once: true });
  }

  readonly #prefetch = () => this.#loadSending().catch(() => {});

  /** Loads the sending code once; its outbox then sends what this device holds. A failed load is tried again. */
  #loadSending(): Promise<typeof Sending> {
    this.#sending ??= this.importSending().then(
      (sending) => {
        this.#outbox ??= new sending.OutboxController(this, (report) => this.#onDelivery(report));
        return sending;
      },
      (error) => {
        this.#sending = undefined;
        throw error;
      },
    );
    return this.#sending;
  }

  protected override firstUpdated() {
    this.#shownAt = performance.now();
    const allowed = new Set(this.prefillParams.split(',').map((name) => name.trim()));
    const params = new URLSearchParams(location.search);
    const names = [
      ...this.#choices.map((choice) => choice.name),
      ...this.#customFields.map((field) => field.key.slice(2)),
    ];
    for (const name of names) {
      const value = (allowed.has(name) ? params.get(name) : null) ?? this.prefill[name];
      const control = this.#control(
        this.#customFields.some((field) => field.key === `x-${name}`) ? `x-${name}` : (name as FieldName),
      );
      if (control && typeof value === 'string') control.value = value.slice(0, CUSTOM_MAX);
    }
  }

  /** The groups of each step, or `null` without `steps`. */
  get #stepGroups(): string[] | null {
    const groups = this.steps
      .split(',')
      .map((group) => group.trim())
      .filter(Boolean);
    return groups.length > 1 ? groups : null;
  }

  /** The step a field is shown in: its group's, else the last. */
  #stepOf(key: ProblemKey): number {
    const groups = this.#stepGroups;
    if (!groups) return 0;
    const group = key in fieldControls ? fieldControls[key as FieldName].group : '';
    const index = groups.indexOf(group);
    return index >= 0 ? index : groups.length - 1;
  }

  get #allKeys(): ProblemKey[] {
    return [
      ...this.#choices.map((choice) => choice.name),
      ...this.#customFields.map((field) => field.key),
      ...(this.consentText ? (['consent'] as const) : []),
    ];
  }

  override render() {
    const t = this.#localize;
    if (this.status === 'sent') {
      return html`<div part="message message-success" class="message success" role="status" tabindex="-1">
        <slot name="success">${this.successMessage || t.term('success')}</slot>
      </div>`;
    }
    if (this.status === 'queued') {
      return html`<div part="message message-queued" class="message" role="status" tabindex="-1">
        ${t.term('queued')}
      </div>`;
    }
    const sending = this.status === 'sending';
    return html`<form part="form" novalidate aria-labelledby="heading" @submit=${this.#onSubmit}>
      <div part="heading" id="heading" class="heading"><slot name="heading">${t.term('heading')}</slot></div>
      ${this.#renderSummary()}
      ${this.rejected ? html`<p part="message message-error" class="message error" role="alert">${t.term(this.rejected === 'setup' ? 'refusedSetup' : 'rejected')}</p>` : nothing}
      ${this.#choices.some((choice) => choice.required) || this.consentRequired ? html`<p part="note" class="note">${t.term('requiredNote')}</p>` : nothing}
      ${this.#stepGroups ? html`<p part="step" class="note">${t.term('stepOf', this.step + 1, this.#stepGroups.length)}</p>` : nothing}
      ${this.#choices.map((choice) => this.#renderField(choice))}
      ${this.#customFields.map((field) => this.#renderCustomField(field))} ${this.#renderConsent()}
      <div class="honeypot" aria-hidden="true">
        <label for=${fieldId('website')}>${t.term('honeypot')}</label>
        <input id=${fieldId('website')} name="website" tabindex="-1" autocomplete="off" />
      </div>
      ${this.step > 0 ? html`<button part="button" type="button" class="secondary" @click=${() => this.#goToStep(this.step - 1)}>${t.term('back')}</button>` : nothing}
      ${
        this.#stepGroups && this.step < this.#stepGroups.length - 1
          ? html`<button part="button" type="button" @click=${this.#nextStep}>${t.term('next')}</button>`
          : html`<button part="button" type="submit" ?disabled=${sending}>${t.term(sending ? 'sending' : 'submit')}</button>`
      }
      <p class="visually-hidden" role="status" aria-live="polite">${this.liveMessage}</p>
    </form>`;
  }

  #renderSummary() {
    if (!this.summary.length) return nothing;
    return html`<div part="error-summary" class="summary" role="group" tabindex="-1" aria-labelledby="summary-title">
      <p id="summary-title">${this.#localize.term('summary', this.summary.length)}</p>
      <ul>
        ${this.summary.map(
          ([key, problem]) =>
            html`<li><a href="#${fieldId(key)}" @click=${this.#focusField}>${this.#localize.term('problemOf', this.#labelOf(key), this.#describe(problem))}</a></li>`,
        )}
      </ul>
    </div>`;
  }

  #renderField({ name, required }: FieldChoice) {
    const control = fieldControls[name];
    const rule = fieldRules[name];
    const id = fieldId(name);
    const problem = this.problems[name];
    const common = {
      id,
      name,
      part: `input input-${name}`,
      describedBy: problem ? `${id}-error` : nothing,
      invalid: problem ? 'true' : 'false',
    };
    let input: unknown;
    if (control.input === 'textarea') {
      input = html`<textarea id=${common.id} name=${name} part=${common.part} rows="4" maxlength=${rule.max}
        ?required=${required} aria-invalid=${common.invalid} aria-describedby=${common.describedBy}
        @blur=${this.#onLeave} @input=${this.#onEdit}></textarea>`;
    } else if (control.options) {
      input = html`<select id=${common.id} name=${name} part=${common.part} ?required=${required}
        aria-invalid=${common.invalid} aria-describedby=${common.describedBy} @blur=${this.#onLeave} @change=${this.#onEdit}>
        <option value="">${this.#localize.term('choose')}</option>
        ${control.options.map(
          (option) =>
            html`<option value=${option}>${this.#localize.term(`option_${option}` as 'option_good')}</option>`,
        )}
      </select>`;
    } else {
      input = html`<input id=${common.id} name=${name} part=${common.part}
        type=${control.input === 'number' ? 'text' : control.input}
        inputmode=${control.input === 'number' ? 'decimal' : nothing}
        autocomplete=${control.autocomplete ?? nothing} maxlength=${rule.type === 'text' ? rule.max : nothing}
        ?required=${required} aria-invalid=${common.invalid} aria-describedby=${common.describedBy}
        @blur=${this.#onLeave} @input=${this.#onEdit} />`;
    }
    return html`<div part="field field-${name}" class="field" ?hidden=${this.#stepOf(name) !== this.step}>
      <label part="label label-${name}" for=${id}>${this.#localize.term(`label_${name}`)}${
        required ? html`<span part="required" class="required" aria-hidden="true"> *</span>` : nothing
      }</label>
      ${input} ${this.#renderProblem(name)}
    </div>`;
  }

  #renderCustomField({ key, label, options, multiline, required }: CustomField) {
    const id = fieldId(key);
    const problem = this.problems[key];
    const invalid = problem ? 'true' : 'false';
    const describedBy = problem ? `${id}-error` : nothing;
    const input = options.length
      ? html`<select id=${id} name=${key} part="input input-${key}" ?required=${required} aria-invalid=${invalid}
          aria-describedby=${describedBy} @blur=${this.#onLeave} @change=${this.#onEdit}>
          <option value="">${this.#localize.term('choose')}</option>
          ${options.map((option) => html`<option value=${option}>${option}</option>`)}
        </select>`
      : multiline
        ? html`<textarea id=${id} name=${key} part="input input-${key}" rows="3" maxlength=${CUSTOM_MAX} ?required=${required}
            aria-invalid=${invalid} aria-describedby=${describedBy} @blur=${this.#onLeave} @input=${this.#onEdit}></textarea>`
        : html`<input id=${id} name=${key} part="input input-${key}" maxlength=${CUSTOM_MAX} ?required=${required}
            aria-invalid=${invalid} aria-describedby=${describedBy} @blur=${this.#onLeave} @input=${this.#onEdit} />`;
    return html`<div part="field field-${key}" class="field" ?hidden=${this.#stepOf(key) !== this.step}>
      <label part="label label-${key}" for=${id}>${label}${
        required ? html`<span part="required" class="required" aria-hidden="true"> *</span>` : nothing
      }</label>
      ${input} ${this.#renderProblem(key)}
    </div>`;
  }

  #renderConsent() {
    if (!this.consentText) return nothing;
    const problem = this.problems.consent;
    return html`<div part="field field-consent" class="field consent" ?hidden=${this.#stepOf('consent') !== this.step}>
      <input id=${fieldId('consent')} name="consent" type="checkbox" part="checkbox" ?required=${this.consentRequired}
        aria-invalid=${problem ? 'true' : 'false'} aria-describedby=${problem ? `${fieldId('consent')}-error` : nothing}
        @change=${this.#onEdit} @blur=${this.#onLeave} />
      <label part="label label-consent" for=${fieldId('consent')}>${this.consentText}${
        this.consentRequired
          ? html`<span part="required" class="required" aria-hidden="true"> *</span>`
          : nothing
      }</label>
      ${this.#renderProblem('consent')}
    </div>`;
  }

  #renderProblem(key: ProblemKey) {
    const problem = this.problems[key];
    if (!problem) return nothing;
    return html`<p part="error error-${key}" class="error" id="${fieldId(key)}-error">${this.#describe(problem)}</p>`;
  }

  #describe(problem: Problem): string {
    if ('limit' in problem) return this.#localize.term(problem.code, this.#localize.number(problem.limit));
    return this.#localize.term(problem.code);
  }

  /** The field's name as its label says it, for the summary and announcements ("Email"). */
  #labelOf(key: ProblemKey): string {
    if (key === 'consent') return this.#localize.term('label_consent');
    const custom = this.#customFields.find((field) => field.key === key);
    return custom ? custom.label : this.#localize.term(`label_${key as FieldName}`);
  }

  #control(key: ProblemKey | 'website') {
    return this.renderRoot.querySelector<HTMLInputElement>(`#${fieldId(key)}`);
  }

  /** Checks one field as the server would, plus whether the form requires it. */
  #check(key: ProblemKey): Problem | undefined {
    const control = this.#control(key);
    if (key === 'consent') return this.consentRequired && !control?.checked ? { code: 'consent' } : undefined;
    const custom = this.#customFields.find((field) => field.key === key);
    if (custom) return custom.required && !control?.value.trim() ? { code: 'required' } : undefined;
    const result = parseField(fieldRules[key as FieldName], control?.value ?? '');
    if (result.issue) return result.issue;
    const required = this.#choices.find((choice) => choice.name === key)?.required;
    return required && result.value === undefined ? { code: 'required' } : undefined;
  }

  #show(key: ProblemKey) {
    this.problems = { ...this.problems, [key]: this.#check(key) };
  }

  readonly #onLeave = (event: Event) => {
    const key = (event.target as HTMLInputElement).name as ProblemKey;
    this.#touched.add(key);
    const before = this.problems[key];
    this.#show(key);
    const after = this.problems[key];
    if (after && after.code !== before?.code)
      this.liveMessage = this.#localize.term('problemOf', this.#labelOf(key), this.#describe(after));
  };

  /** Once a field has been left, its message follows every edit, so it clears as soon as it is fixed. */
  readonly #onEdit = (event: Event) => {
    const key = (event.target as HTMLInputElement).name as ProblemKey;
    if (this.#touched.has(key)) this.#show(key);
  };

  readonly #focusField = (event: Event) => {
    event.preventDefault();
    const id = (event.currentTarget as HTMLAnchorElement).hash.slice(1);
    this.renderRoot.querySelector<HTMLElement>(`#${id}`)?.focus();
  };

  /** Checks `keys` as a submit does; the problems found are shown, summarised and focused. */
  #findProblems(keys: ProblemKey[]): Partial<Record<ProblemKey, Problem>> {
    const problems: Partial<Record<ProblemKey, Problem>> = {};
    for (const key of keys) {
      this.#touched.add(key);
      const problem = this.#check(key);
      if (problem) problems[key] = problem;
    }
    return problems;
  }

  async #showProblems(problems: Partial<Record<ProblemKey, Problem>>) {
    this.problems = problems;
    this.summary = Object.entries(problems) as [ProblemKey, Problem][];
    if (!this.summary.length) return false;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.summary')?.focus();
    return true;
  }

  readonly #nextStep = async () => {
    const keys = this.#allKeys.filter((key) => this.#stepOf(key) === this.step);
    if (!(await this.#showProblems(this.#findProblems(keys)))) this.#goToStep(this.step + 1);
  };

  /** Shows another step and puts focus on its first field. */
  async #goToStep(step: number) {
    this.step = step;
    this.summary = [];
    await this.updateComplete;
    const first = this.#allKeys.find((key) => this.#stepOf(key) === step);
    if (first) this.#control(first)?.focus();
  }

  async #onSubmit(event: SubmitEvent) {
    event.preventDefault();
    if (this.status === 'sending') return;
    if (this.#stepGroups && this.step < this.#stepGroups.length - 1) return this.#nextStep();
    const keys = this.#allKeys;
    const problems = this.#findProblems(keys);
    const body = this.#buildBody();
    const firstContactField = this.#choices.find((choice) => fieldControls[choice.name].group === 'contact');
    if (!Object.keys(problems).length && !(body.contact.name || body.contact.email || body.contact.phone)) {
      problems[firstContactField?.name ?? keys[0] ?? 'name'] = { code: 'needContact' };
    }
    this.rejected = null;
    if (await this.#showProblems(problems)) {
      // A problem in an earlier step: show that step, the summary links reach its fields.
      const first = Object.keys(problems)[0] as ProblemKey | undefined;
      if (first && this.#stepOf(first) !== this.step) this.step = this.#stepOf(first);
      return;
    }
    this.status = 'sending';
    this.#pendingKey = newIdempotencyKey();
    const lead: QueuedLead = {
      idempotencyKey: this.#pendingKey,
      endpoint: `${this.baseUrl.replace(/\/+$/, '')}/v1/public/leads`,
      publishableKey: this.publishableKey,
      body,
      attempts: 0,
      nextAttemptAt: Date.now(),
      expiresAt: Date.now() + Math.max(0, this.queueDays) * DAY_MS,
    };
    try {
      await this.#loadSending();
    } catch {
      // The sending code could not be fetched, so neither can the lead be sent: the network is
      // down. The lead waits on the device, for when the connection is back or the next page
      // with a form opens, exactly as a lead whose first attempt failed.
      keepOnDevice(lead);
      window.addEventListener('online', () => this.#loadSending().then(() => this.#outbox?.submit(lead)), {
        once: true,
      });
      this.emit('hk-lead-queued', { idempotencyKey: lead.idempotencyKey, reason: 'offline' });
      pushAnalyticsEvent('hk_lead_queued', { hk_reason: 'offline' });
      await this.#settle('queued');
      return;
    }
    await this.#outbox?.submit(lead);
  }

  /** The request body, exactly the shape of the server's `PublicLeadCreate`. */
  #buildBody(): PublicLeadCreate {
    const contact: Record<string, string | number> = {};
    const property: Record<string, string | number> = {};
    let motivation: string | undefined;
    for (const { name } of this.#choices) {
      const result = parseField(fieldRules[name], this.#control(name)?.value ?? '');
      if (result.issue || result.value === undefined) continue;
      const group = fieldControls[name].group;
      if (group === 'contact') contact[name] = result.value;
      else if (group === 'property') property[name] = result.value;
      else motivation = String(result.value);
    }
    const declared = Object.fromEntries(
      this.#customFields.flatMap(({ key }) => {
        const value = this.#control(key)?.value.trim();
        return value ? [[key.slice(2), value]] : [];
      }),
    );
    const customFields = acceptedCustomFields({ ...this.hiddenFields, ...this.#dataFields(), ...declared });
    const consented = this.consentText && this.#control('consent')?.checked;
    return {
      contact,
      ...(Object.keys(property).length ? { property } : {}),
      ...(motivation === undefined ? {} : { motivation }),
      attribution: captureAttribution(),
      ...(consented
        ? {
            consent: {
              text: this.consentText.trim().slice(0, 5000),
              version: this.consentVersion.trim() || null,
            },
          }
        : {}),
      ...(Object.keys(customFields).length ? { custom_fields: customFields } : {}),
      website: (this.#control('website')?.value ?? '').slice(0, 2000),
      elapsed_ms: Math.round(performance.now() - this.#shownAt),
    };
  }

  /** `data-field-source-page="pricing"` becomes `custom_fields.source_page`. */
  #dataFields(): Record<string, string> {
    const fields: Record<string, string> = {};
    for (const { name, value } of this.attributes) {
      if (name.startsWith('data-field-')) fields[name.slice(11).replaceAll('-', '_')] = value;
    }
    return fields;
  }

  async #onDelivery({ lead, outcome, firstAttempt }: DeliveryReport) {
    const own = lead.idempotencyKey === this.#pendingKey;
    const idempotencyKey = lead.idempotencyKey;
    if (outcome.kind === 'sent') {
      this.emit('hk-lead-submitted', {
        idempotencyKey,
        leadId: outcome.leadId,
        fromQueue: !firstAttempt,
      });
      pushAnalyticsEvent('hk_lead_submitted', { hk_from_queue: !firstAttempt });
      if (own) {
        await this.#settle('sent');
        this.#redirect();
      }
    } else if (outcome.kind === 'retry') {
      if (!firstAttempt) return;
      this.emit('hk-lead-queued', { idempotencyKey, reason: outcome.reason });
      pushAnalyticsEvent('hk_lead_queued', { hk_reason: outcome.reason });
      if (own) await this.#settle('queued');
    } else {
      const { status, code, message, setupProblem } = outcome;
      this.emit('hk-lead-failed', { idempotencyKey, status, code, message, setupProblem });
      pushAnalyticsEvent('hk_lead_failed', { hk_status: status });
      if (own) {
        this.rejected = setupProblem ? 'setup' : 'input';
        this.status = 'editing';
      }
    }
  }

  /** Sends the visitor to `redirect-url` once their lead is received; only http(s) targets. */
  #redirect() {
    if (!this.redirectUrl) return;
    const target = new URL(this.redirectUrl, location.href);
    if (target.protocol === 'https:' || target.protocol === 'http:') this.navigate(target.href);
    else
      console.warn(
        `hk-lead-form: redirect-url must be an http or https address; "${this.redirectUrl}" is ignored.`,
      );
  }

  /** Fetches the sending code (a seam for tests, which cannot take the network away from a module import). */
  protected importSending(): Promise<typeof Sending> {
    return import('./lead-sending.lazy.js');
  }

  /** Leaves the page (a seam for tests, which cannot follow a real navigation). */
  protected navigate(url: string) {
    location.assign(url);
  }

  /** Shows the outcome and moves focus to it, so keyboard and screen-reader users land on the news. */
  async #settle(status: 'sent' | 'queued') {
    this.status = status;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.message')?.focus();
  }
}
