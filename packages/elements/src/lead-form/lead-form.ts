import { html, nothing, type PropertyValues } from 'lit';
import { pushAnalyticsEvent } from '../base/analytics.js';
import { HkElement } from '../base/hk-element.js';
import { LocalizeController } from '../base/localize.js';
import { newIdempotencyKey } from './idempotency-key.js';
import type { SetupProblem } from './lead-delivery.js';
import { defaultFieldList, type FieldChoice, fieldControls, parseFieldList } from './lead-fields.js';
import { type LeadFormMessages, leadFormMessages } from './lead-form.messages.js';
import { styles } from './lead-form.styles.js';
import type { LeadFormFlow } from './lead-form-flow.js';
import type { DraftLead, LeadDraft } from './lead-outbox.js';
import { type FieldIssue, type FieldName, fieldRules } from './lead-rules.js';
import type * as Sending from './lead-sending.lazy.js';
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
  /** What the server found wrong, by field path in the request body (`{ "contact.email": ["…"] }`), or null. */
  details: Record<string, string[]> | null;
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

/** `refused`: the server did not accept the field (its check ran; the form's own found nothing). */
export type Problem = FieldIssue | { code: 'required' | 'consent' | 'needContact' | 'refused' };
/** A custom field's key: `x-` and the name it has in `custom_fields`. */
export type CustomKey = `x-${string}`;
export type ProblemKey = FieldName | 'consent' | CustomKey;

/** A field declared in the form's markup: `<hk-field name="timeline" label="..." options="a|b" required>`. */
export interface CustomField {
  key: CustomKey;
  label: string;
  options: string[];
  multiline: boolean;
  required: boolean;
}

/**
 * What the element hands its sending code besides itself: Lit's tags (so that file bundles no
 * Lit), the field tables and the English catalogue, which the embed already holds.
 */
export interface LeadFormKit {
  html: typeof html;
  nothing: typeof nothing;
  fieldRules: typeof fieldRules;
  fieldControls: typeof fieldControls;
  english: LeadFormMessages;
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

/** A control's id; the sending code (lead-form-flow.ts) writes the same `f-` prefix. */
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
function keepOnDevice(lead: DraftLead) {
  try {
    const stored = JSON.parse(localStorage.getItem(OUTBOX_STORAGE_KEY) ?? '[]') as DraftLead[];
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
 * @event {CustomEvent<LeadFailedDetail>} hk-lead-failed - The server refused the lead (`detail`: status, code, message, details, setupProblem); nothing is kept.
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

  /** @internal */
  status: 'editing' | 'sending' | 'queued' | 'sent' = 'editing';
  /** @internal */
  problems: Partial<Record<ProblemKey, Problem>> = {};
  /** @internal The problems found by the last submit, listed above the form until the next one. */
  summary: [ProblemKey, Problem][] = [];
  /** @internal The last refusal: the seller's input (`input`) or the form's setup (`setup`), shown until the next submit. */
  rejected: 'input' | 'setup' | null = null;
  /** @internal What the polite live region reads: a field's problem as it appears when the field is left. */
  liveMessage = '';
  /** @internal */
  step = 0;
  /** @internal The idempotency key of the submission this form is waiting on. */
  pendingKey = '';
  /** @internal */
  customFields: CustomField[] = [];
  /** @internal */
  choices: FieldChoice[] = [];
  /** @internal */
  readonly localize = new LocalizeController(this, leadFormMessages);

  /**
   * The sending code (checking and building the lead, delivery, the outbox and its retries,
   * refusal diagnostics, the texts that go with them): a file of its own, which most visits
   * never need. It is fetched once a visitor starts filling the form in, or at once when this
   * device holds a submission still to send.
   */
  #sending: Promise<LeadFormFlow> | undefined;
  #flow: LeadFormFlow | undefined;
  /** What the last submit, step or field left is doing with the sending code; `updateComplete` waits for it. */
  #busy: Promise<unknown> | undefined;
  #shownAt = 0;

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('fields')) this.choices = parseFieldList(this.fields);
  }

  override connectedCallback() {
    super.connectedCallback();
    this.customFields = customFieldsOf(this);
    if (storedLeads()) this.#loadSending().catch(() => {});
    else this.addEventListener('focusin', this.#prefetch, { once: true });
  }

  readonly #prefetch = () => this.#loadSending().catch(() => {});

  /** Loads the sending code once; its outbox then sends what this device holds. A failed load is tried again. */
  #loadSending(): Promise<LeadFormFlow> {
    this.#sending ??= this.importSending().then(
      (sending) =>
        (this.#flow ??= new sending.LeadFormFlow(this, {
          html,
          nothing,
          fieldRules,
          fieldControls,
          english: leadFormMessages.en,
        })),
      (error) => {
        this.#sending = undefined;
        throw error;
      },
    );
    return this.#sending;
  }

  /** Runs `task` once the sending code is here, or `offline` when it cannot be fetched. */
  #withFlow(task: (flow: LeadFormFlow) => unknown, offline: () => unknown = () => {}) {
    this.#busy = this.#loadSending().then(task, offline);
  }

  /** Waits, beyond the render, for what the last input started (fetching the sending code, a submit). */
  protected override async getUpdateComplete(): Promise<boolean> {
    await this.#busy;
    return super.getUpdateComplete();
  }

  /** @internal The render in progress, without waiting for `#busy` (which the sending code's own work is part of). */
  rendered(): Promise<boolean> {
    return super.getUpdateComplete();
  }

  protected override firstUpdated() {
    this.#shownAt = performance.now();
    const allowed = new Set(this.prefillParams.split(',').map((name) => name.trim()));
    const params = new URLSearchParams(location.search);
    const names = [
      ...this.choices.map((choice) => choice.name),
      ...this.customFields.map((field) => field.key.slice(2)),
    ];
    for (const name of names) {
      const value = (allowed.has(name) ? params.get(name) : null) ?? this.prefill[name];
      const control = this.control(
        this.customFields.some((field) => field.key === `x-${name}`) ? `x-${name}` : (name as FieldName),
      );
      if (control && typeof value === 'string') control.value = value.slice(0, CUSTOM_MAX);
    }
  }

  /** @internal The groups of each step, or `null` without `steps`. */
  get stepGroups(): string[] | null {
    const groups = this.steps
      .split(',')
      .map((group) => group.trim())
      .filter(Boolean);
    return groups.length > 1 ? groups : null;
  }

  /** @internal The step a field is shown in: its group's, else the last. */
  stepOf(key: ProblemKey): number {
    const groups = this.stepGroups;
    if (!groups) return 0;
    const group = key in fieldControls ? fieldControls[key as FieldName].group : '';
    const index = groups.indexOf(group);
    return index >= 0 ? index : groups.length - 1;
  }

  /** @internal */
  get allKeys(): ProblemKey[] {
    return [
      ...this.choices.map((choice) => choice.name),
      ...this.customFields.map((field) => field.key),
      ...(this.consentText ? (['consent'] as const) : []),
    ];
  }

  override render() {
    const t = this.localize;
    if (this.status === 'sent') return this.#flow?.renderSent();
    if (this.status === 'queued') {
      return html`<div part="message message-queued" class="message" role="status" tabindex="-1">
        ${t.term('queued')}
      </div>`;
    }
    const sending = this.status === 'sending';
    return html`<form part="form" novalidate aria-labelledby="heading" @submit=${this.#onSubmit}>
      <div part="heading" id="heading" class="heading"><slot name="heading">${t.term('heading')}</slot></div>
      ${this.#flow?.renderNotices()}
      ${this.choices.some((choice) => choice.required) || this.consentRequired ? html`<p part="note" class="note">${t.term('requiredNote')}</p>` : nothing}
      ${this.stepGroups ? html`<p part="step" class="note">${t.term('stepOf', this.step + 1, this.stepGroups.length)}</p>` : nothing}
      ${this.choices.map((choice) => this.#renderField(choice))}
      ${this.customFields.map((field) => this.#renderCustomField(field))} ${this.#renderConsent()}
      <div class="honeypot" aria-hidden="true">
        <label for=${fieldId('website')}>${t.term('honeypot')}</label>
        <input id=${fieldId('website')} name="website" tabindex="-1" autocomplete="off" />
      </div>
      ${this.step > 0 ? html`<button part="button" type="button" class="secondary" @click=${() => this.goToStep(this.step - 1)}>${t.term('back')}</button>` : nothing}
      ${
        this.stepGroups && this.step < this.stepGroups.length - 1
          ? html`<button part="button" type="button" @click=${this.#nextStep}>${t.term('next')}</button>`
          : html`<button part="button" type="submit" ?disabled=${sending}>${t.term(sending ? 'sending' : 'submit')}</button>`
      }
      <p class="visually-hidden" role="status" aria-live="polite">${this.liveMessage}</p>
    </form>`;
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
        <option value="">${this.localize.term('choose')}</option>
        ${control.options.map(
          (option) =>
            html`<option value=${option}>${this.localize.term(`option_${option}` as 'option_good')}</option>`,
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
    return html`<div part="field field-${name}" class="field" ?hidden=${this.stepOf(name) !== this.step}>
      <label part="label label-${name}" for=${id}>${this.localize.term(`label_${name}`)}${
        required ? html`<span part="required" class="required" aria-hidden="true"> *</span>` : nothing
      }</label>
      ${input} ${this.#flow?.renderProblem(name)}
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
          <option value="">${this.localize.term('choose')}</option>
          ${options.map((option) => html`<option value=${option}>${option}</option>`)}
        </select>`
      : multiline
        ? html`<textarea id=${id} name=${key} part="input input-${key}" rows="3" maxlength=${CUSTOM_MAX} ?required=${required}
            aria-invalid=${invalid} aria-describedby=${describedBy} @blur=${this.#onLeave} @input=${this.#onEdit}></textarea>`
        : html`<input id=${id} name=${key} part="input input-${key}" maxlength=${CUSTOM_MAX} ?required=${required}
            aria-invalid=${invalid} aria-describedby=${describedBy} @blur=${this.#onLeave} @input=${this.#onEdit} />`;
    return html`<div part="field field-${key}" class="field" ?hidden=${this.stepOf(key) !== this.step}>
      <label part="label label-${key}" for=${id}>${label}${
        required ? html`<span part="required" class="required" aria-hidden="true"> *</span>` : nothing
      }</label>
      ${input} ${this.#flow?.renderProblem(key)}
    </div>`;
  }

  #renderConsent() {
    if (!this.consentText) return nothing;
    const problem = this.problems.consent;
    return html`<div part="field field-consent" class="field consent" ?hidden=${this.stepOf('consent') !== this.step}>
      <input id=${fieldId('consent')} name="consent" type="checkbox" part="checkbox" ?required=${this.consentRequired}
        aria-invalid=${problem ? 'true' : 'false'} aria-describedby=${problem ? `${fieldId('consent')}-error` : nothing}
        @change=${this.#onEdit} @blur=${this.#onLeave} />
      <label part="label label-consent" for=${fieldId('consent')}>${this.consentText}${
        this.consentRequired
          ? html`<span part="required" class="required" aria-hidden="true"> *</span>`
          : nothing
      }</label>
      ${this.#flow?.renderProblem('consent')}
    </div>`;
  }

  /** @internal */
  control(key: ProblemKey | 'website') {
    return this.renderRoot.querySelector<HTMLInputElement>(`#${fieldId(key)}`);
  }

  // The control's name is read now: once the event is dispatched, its target is no longer exposed.
  readonly #onLeave = (event: Event) => {
    const key = (event.target as HTMLInputElement).name as ProblemKey;
    this.#withFlow((flow) => flow.leave(key));
  };

  readonly #onEdit = (event: Event) =>
    this.#flow?.edit((event.target as HTMLInputElement).name as ProblemKey);

  readonly #nextStep = () =>
    this.#withFlow(
      (flow) => flow.nextStep(),
      () => this.#checkedNatively(this.step) && this.goToStep(this.step + 1),
    );

  /** @internal Shows another step and puts focus on its first field. */
  async goToStep(step: number) {
    this.step = step;
    this.summary = [];
    await this.rendered();
    const first = this.allKeys.find((key) => this.stepOf(key) === step);
    if (first) this.control(first)?.focus();
  }

  #onSubmit(event: SubmitEvent) {
    event.preventDefault();
    if (this.stepGroups && this.step < this.stepGroups.length - 1) return this.#nextStep();
    // Checked when the sending code is here: a second press while it loads finds the first sent or kept.
    this.#withFlow(
      (flow) => this.status === 'editing' && flow.submit(),
      () => this.status === 'editing' && this.#keepUnsent(),
    );
  }

  /**
   * Without its sending code the form cannot check or send what was typed, since that code could
   * not be fetched: the network is down. The browser's own checks (required, email, consent)
   * stand in, and the draft waits on the device for when the connection is back or the next page
   * with a form opens, which build and send it as a lead whose first attempt failed.
   */
  async #keepUnsent() {
    if (!this.#checkedNatively(this.stepGroups ? this.step : -1)) return;
    const lead = this.newLead();
    keepOnDevice(lead);
    this.pendingKey = lead.idempotencyKey;
    window.addEventListener('online', this.#prefetch, { once: true });
    this.emit('hk-lead-queued', { idempotencyKey: lead.idempotencyKey, reason: 'offline' });
    pushAnalyticsEvent('hk_lead_queued', { hk_reason: 'offline' });
    await this.settle('queued');
  }

  /** The browser's constraint checks of the controls shown in `step` (every step when -1), reported at the first failure. */
  #checkedNatively(step: number): boolean {
    return this.allKeys.every(
      (key) => (step >= 0 && this.stepOf(key) !== step) || this.control(key)?.reportValidity() !== false,
    );
  }

  /** @internal A new submission of what is typed now, stored as a draft until the sending code builds its body. */
  newLead(): DraftLead {
    const values: Record<string, string> = {};
    for (const control of this.renderRoot.querySelectorAll<HTMLInputElement>('[name]')) {
      if (control.type !== 'checkbox' || control.checked) values[control.name] = control.value;
    }
    const hidden: Record<string, unknown> = { ...this.hiddenFields };
    // `data-field-source-page="pricing"` becomes `custom_fields.source_page`.
    for (const { name, value } of this.attributes) {
      if (name.startsWith('data-field-')) hidden[name.slice(11).replaceAll('-', '_')] = value;
    }
    const draft: LeadDraft = {
      values,
      hidden,
      consentText: this.consentText,
      consentVersion: this.consentVersion,
      elapsedMs: Math.round(performance.now() - this.#shownAt),
    };
    return {
      idempotencyKey: newIdempotencyKey(),
      endpoint: `${this.baseUrl.replace(/\/+$/, '')}/v1/public/leads`,
      publishableKey: this.publishableKey,
      draft,
      attempts: 0,
      nextAttemptAt: Date.now(),
      expiresAt: Date.now() + Math.max(0, this.queueDays) * DAY_MS,
    };
  }

  /** Fetches the sending code (a seam for tests, which cannot take the network away from a module import). */
  protected importSending(): Promise<typeof Sending> {
    return import('./lead-sending.lazy.js');
  }

  /** @internal Leaves the page (a seam for tests, which cannot follow a real navigation). */
  navigate(url: string) {
    location.assign(url);
  }

  /** @internal Shows the outcome and moves focus to it, so keyboard and screen-reader users land on the news. */
  async settle(status: 'sent' | 'queued') {
    this.status = status;
    await this.rendered();
    this.renderRoot.querySelector<HTMLElement>('.message')?.focus();
  }
}
