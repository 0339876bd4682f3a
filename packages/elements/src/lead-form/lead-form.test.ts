import { PublicLeadCreate } from '@hidden-key/sdk/schemas';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { nothing } from 'lit';
import './lead-form.define.js';
import type { HkLeadForm } from './lead-form.js';

interface RecordedRequest {
  headers: Record<string, string>;
  body: Record<string, unknown> & { contact: Record<string, unknown> };
}
interface StandInLog {
  requests: RecordedRequest[];
  leads: { id: string; idempotencyKey: string }[];
}

/** Each test talks to its own namespace of the stand-in endpoint (test/lead-endpoint-stand-in.mjs). */
let baseUrl = '';
const standIn = {
  script: (steps: string[]) => fetch(`${baseUrl}/__script`, { method: 'POST', body: JSON.stringify(steps) }),
  log: async (): Promise<StandInLog> => (await fetch(`${baseUrl}/__log`)).json(),
};

async function renderForm(
  template = html`<hk-lead-form publishable-key="pk_test" base-url=${baseUrl}></hk-lead-form>`,
) {
  const form = await fixture<HkLeadForm>(template);
  await form.updateComplete;
  return form;
}

const shadow = (form: HkLeadForm) => form.shadowRoot!;
const control = (form: HkLeadForm, name: string) =>
  shadow(form).querySelector<HTMLInputElement>(`[name="${name}"]`)!;

/** The multi-step form's "Next" button (rendered anew per step, so looked up each time). */
const nextButton = (form: HkLeadForm) =>
  [...shadow(form).querySelectorAll('button')].find((button) => button.textContent === 'Next')!;

function fill(form: HkLeadForm, values: Record<string, string>) {
  for (const [name, value] of Object.entries(values)) control(form, name).value = value;
}

/** The message shown under a field, or null when it has none. */
const errorOf = (form: HkLeadForm, name: string) =>
  shadow(form).querySelector(`[part~="error-${name}"]`)?.textContent ?? null;

async function submit(form: HkLeadForm) {
  shadow(form).querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
  await form.updateComplete;
}

async function waitFor(condition: () => Promise<boolean>) {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 20));
}

const outboxKeys = () =>
  (JSON.parse(localStorage.getItem('hk-lead-outbox') ?? '[]') as { idempotencyKey: string }[]).map(
    (lead) => lead.idempotencyKey,
  );

describe('<hk-lead-form>', () => {
  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
    window.dataLayer = [];
    baseUrl = `${location.origin}/stand-in/${crypto.randomUUID()}`;
  });

  it('is accessible with every field and a consent box', async () => {
    const form = await renderForm(html`<hk-lead-form
      publishable-key="pk_test"
      base-url=${baseUrl}
      fields="name*,email*,phone,address,city,state,zip,property_type,bedrooms,bathrooms,sqft,year_built,estimated_value,condition,asking_price,motivation"
      consent-text="I agree to be contacted by phone and SMS."
      consent-required
    ></hk-lead-form>`);
    await expect(form).to.be.accessible();
    expect(shadow(form).querySelectorAll('[part~="field"]')).to.have.length(17);
  });

  it('marks required fields for sight and for screen readers', async () => {
    const form = await renderForm();
    await expect(form).to.be.accessible();
    const name = control(form, 'name');
    const label = shadow(form).querySelector(`label[for="${name.id}"]`)!;
    expect(name.required).to.equal(true);
    expect(label.querySelector('[part="required"]')!.getAttribute('aria-hidden')).to.equal('true');
    expect(control(form, 'phone').required).to.equal(false);
  });

  it('shows an error only after the user leaves the field, tied to it for screen readers', async () => {
    const form = await renderForm();
    const email = control(form, 'email');
    email.focus();
    await sendKeys({ type: 'ana@example' });
    await form.updateComplete;
    expect(email.getAttribute('aria-invalid')).to.equal('false');

    await sendKeys({ press: 'Tab' });
    await form.updateComplete;
    expect(email.getAttribute('aria-invalid')).to.equal('true');
    const error = shadow(form).getElementById(email.getAttribute('aria-describedby')!)!;
    expect(error.textContent).to.equal('Enter an email address like name@example.com.');
    const live = shadow(form).querySelector('[aria-live="polite"]')!;
    expect(live.textContent).to.equal('Email: Enter an email address like name@example.com.');
    await expect(form).to.be.accessible();

    email.focus();
    await sendKeys({ type: '.com' });
    await form.updateComplete;
    expect(email.getAttribute('aria-invalid')).to.equal('false');
    expect(email.hasAttribute('aria-describedby')).to.equal(false);
  });

  it('focuses an error summary on a failed submit and sends nothing', async () => {
    const form = await renderForm();
    fill(form, { email: 'not-an-email', phone: '12' });
    await submit(form);
    await form.updateComplete;

    const summary = shadow(form).querySelector<HTMLElement>('[part="error-summary"]')!;
    expect(shadow(form).activeElement).to.equal(summary);
    expect([...summary.querySelectorAll('li')].map((item) => item.textContent)).to.deep.equal([
      'Full name: This field is required.',
      'Email: Enter an email address like name@example.com.',
      'Phone: Use at least 3 characters.',
    ]);
    await expect(form).to.be.accessible();

    summary.querySelectorAll('a')[1]!.click();
    expect(shadow(form).activeElement).to.equal(control(form, 'email'));
    expect((await standIn.log()).requests).to.have.length(0);
  });

  it('asks for a name, an email or a phone when no field is required', async () => {
    const form = await renderForm(
      html`<hk-lead-form publishable-key="pk_test" base-url=${baseUrl} fields="name,email,zip"></hk-lead-form>`,
    );
    fill(form, { zip: '78701' });
    await submit(form);
    expect(shadow(form).querySelector('[part~="error-name"]')!.textContent).to.equal(
      'Enter a name, an email or a phone number.',
    );
    expect((await standIn.log()).requests).to.have.length(0);
  });

  it('sends the lead the server expects, with attribution, and reports it', async () => {
    const page = location.href;
    history.replaceState(null, '', '?utm_source=news&utm_medium=email&utm_campaign=spring');
    try {
      const form = await renderForm(html`<hk-lead-form
        publishable-key="pk_test"
        base-url=${baseUrl}
        fields="name*,email*,phone,address,bedrooms,asking_price,condition,motivation"
        success-message="Thanks, Ana!"
      ></hk-lead-form>`);
      fill(form, {
        name: '  Ana Pérez ',
        email: 'Ana@Example.COM',
        phone: '(512) 555-0100',
        address: '12 Oak St',
        bedrooms: '3',
        asking_price: '$250,000',
        condition: 'fair',
        motivation: 'Relocating for work',
      });
      const submitted = oneEvent(form, 'hk-lead-submitted');
      await submit(form);
      const { detail } = await submitted;

      const log = await standIn.log();
      expect(log.leads).to.have.length(1);
      const [request] = log.requests;
      expect(request!.headers.authorization).to.equal('Bearer pk_test');
      expect(request!.headers['content-type']).to.equal('application/json');
      expect(request!.headers['idempotency-key']).to.equal(detail.idempotencyKey);
      expect(detail).to.deep.equal({
        idempotencyKey: log.leads[0]!.idempotencyKey,
        leadId: log.leads[0]!.id,
        fromQueue: false,
      });

      const { elapsed_ms, ...body } = request!.body;
      expect(PublicLeadCreate.safeParse(request!.body).success).to.equal(true);
      expect(Number.isInteger(elapsed_ms) && (elapsed_ms as number) >= 0).to.equal(true);
      expect(body).to.deep.equal({
        contact: { name: 'Ana Pérez', email: 'ana@example.com', phone: '(512) 555-0100' },
        property: { address: '12 Oak St', bedrooms: 3, asking_price: 250_000, condition: 'fair' },
        motivation: 'Relocating for work',
        attribution: {
          utm_source: 'news',
          utm_medium: 'email',
          utm_campaign: 'spring',
          ...(document.referrer ? { referrer: document.referrer } : {}),
          landing_page: location.href,
        },
        website: '',
      });

      await form.updateComplete;
      const message = shadow(form).querySelector<HTMLElement>('[part~="message-success"]')!;
      expect(message.textContent!.trim()).to.equal('Thanks, Ana!');
      expect(shadow(form).activeElement).to.equal(message);
      expect(window.dataLayer).to.deep.equal([{ event: 'hk_lead_submitted', hk_from_queue: false }]);
      await expect(form).to.be.accessible();
    } finally {
      history.replaceState(null, '', page);
    }
  });

  it('requires consent when asked to and sends its exact text and version', async () => {
    const text = 'I agree to receive calls and texts about my property.';
    const form = await renderForm(html`<hk-lead-form
      publishable-key="pk_test"
      base-url=${baseUrl}
      fields="name*"
      consent-text=${text}
      consent-version="2026-11"
      consent-required
    ></hk-lead-form>`);
    fill(form, { name: 'Ana' });
    await submit(form);
    expect(shadow(form).querySelector('[part~="error-consent"]')!.textContent).to.equal(
      'Check this box to continue.',
    );
    expect((await standIn.log()).requests).to.have.length(0);

    control(form, 'consent').click();
    const submitted = oneEvent(form, 'hk-lead-submitted');
    await submit(form);
    await submitted;
    const [request] = (await standIn.log()).requests;
    expect(request!.body.consent).to.deep.equal({ text, version: '2026-11' });
  });

  it('leaves consent out when the optional box is not checked', async () => {
    const form = await renderForm(html`<hk-lead-form
      publishable-key="pk_test"
      base-url=${baseUrl}
      fields="email*"
      consent-text="Send me market updates."
    ></hk-lead-form>`);
    fill(form, { email: 'ana@example.com' });
    const submitted = oneEvent(form, 'hk-lead-submitted');
    await submit(form);
    await submitted;
    const [request] = (await standIn.log()).requests;
    expect(request!.body).not.to.have.property('consent');
  });

  it('adds the host page hidden fields and data-field attributes to custom_fields, and the honeypot as typed', async () => {
    const form = await renderForm(html`<hk-lead-form
      publishable-key="pk_test"
      base-url=${baseUrl}
      fields="email*"
      data-field-source-page="pricing"
      .hiddenFields=${{ campaign_id: 42, returning: true }}
    ></hk-lead-form>`);
    fill(form, { email: 'bot@example.com', website: 'https://spam.example' });
    const submitted = oneEvent(form, 'hk-lead-submitted');
    await submit(form);
    await submitted;
    const [request] = (await standIn.log()).requests;
    expect(request!.body.custom_fields).to.deep.equal({
      campaign_id: 42,
      returning: true,
      source_page: 'pricing',
    });
    expect(request!.body.website).to.equal('https://spam.example');
  });

  it('queues a lead whose response was lost and sends it exactly once when back online', async () => {
    await standIn.script(['lose-response']);
    const form = await renderForm(
      html`<hk-lead-form publishable-key="pk_test" base-url=${baseUrl} fields="email*"></hk-lead-form>`,
    );
    fill(form, { email: 'ana@example.com' });
    const queued = oneEvent(form, 'hk-lead-queued');
    await submit(form);
    const { detail } = await queued;

    expect(detail.reason).to.equal('network');
    expect(outboxKeys()).to.deep.equal([detail.idempotencyKey]);
    await form.updateComplete;
    const message = shadow(form).querySelector<HTMLElement>('[part~="message-queued"]')!;
    expect(message.textContent!.trim()).to.equal(
      'Your details are saved on this device and will be sent automatically as soon as the connection is back.',
    );
    expect(shadow(form).activeElement).to.equal(message);

    const submitted = oneEvent(form, 'hk-lead-submitted');
    window.dispatchEvent(new Event('online'));
    const sent = await submitted;

    expect(sent.detail.idempotencyKey).to.equal(detail.idempotencyKey);
    expect(sent.detail.fromQueue).to.equal(true);
    const log = await standIn.log();
    expect(log.leads).to.have.length(1);
    expect(log.requests.length).to.be.greaterThan(1);
    expect(new Set(log.requests.map((request) => request.headers['idempotency-key']))).to.deep.equal(
      new Set([detail.idempotencyKey]),
    );
    expect(outboxKeys()).to.deep.equal([]);
    await form.updateComplete;
    expect(shadow(form).querySelector('[part~="message-success"]')).to.not.equal(null);
  });

  it('sends a lead queued on an earlier visit when the page is opened again', async () => {
    await standIn.script(['drop', 'unavailable']);
    const first = await renderForm(
      html`<hk-lead-form publishable-key="pk_test" base-url=${baseUrl} fields="email*"></hk-lead-form>`,
    );
    fill(first, { email: 'ana@example.com' });
    const queued = oneEvent(first, 'hk-lead-queued');
    await submit(first);
    const { detail } = await queued;
    first.remove();
    expect((await standIn.log()).leads).to.have.length(0);

    // The next visit retries at once; the server fails that attempt too, then recovers.
    const submitted = oneEvent(document, 'hk-lead-submitted');
    await renderForm(html`<hk-lead-form publishable-key="pk_test" base-url=${baseUrl}></hk-lead-form>`);
    await waitFor(async () => (await standIn.log()).requests.length >= 2);
    window.dispatchEvent(new Event('online'));
    const sent = await submitted;

    expect(sent.detail.idempotencyKey).to.equal(detail.idempotencyKey);
    expect(sent.detail.fromQueue).to.equal(true);
    const log = await standIn.log();
    expect(log.leads).to.have.length(1);
    expect(log.requests.length).to.be.greaterThan(2);
    expect(new Set(log.requests.map((request) => request.headers['idempotency-key']))).to.deep.equal(
      new Set([detail.idempotencyKey]),
    );
    expect(outboxKeys()).to.deep.equal([]);
  });

  it('retries on its own, with backoff, while the server is failing', async () => {
    await standIn.script(['unavailable']);
    const form = await renderForm(
      html`<hk-lead-form publishable-key="pk_test" base-url=${baseUrl} fields="email*"></hk-lead-form>`,
    );
    fill(form, { email: 'ana@example.com' });
    const queued = oneEvent(form, 'hk-lead-queued');
    const submitted = oneEvent(form, 'hk-lead-submitted');
    await submit(form);
    expect((await queued).detail.reason).to.equal('server');

    const sent = await submitted;
    expect(sent.detail.fromQueue).to.equal(true);
    expect((await standIn.log()).leads).to.have.length(1);
  });

  it('ties the fields the server refused to their controls, and leads to them', async () => {
    await standIn.script(['invalid']);
    const form = await renderForm(
      html`<hk-lead-form publishable-key="pk_test" base-url=${baseUrl} fields="name,email*"></hk-lead-form>`,
    );
    fill(form, { name: 'Ana', email: 'ana@example.com' });
    const failed = oneEvent(form, 'hk-lead-failed');
    await submit(form);
    expect((await failed).detail.details).to.deep.equal({ 'contact.email': ['Invalid email address'] });
    await form.updateComplete;
    expect(errorOf(form, 'email')).to.equal('This was not accepted. Please check it and try again.');
    expect(errorOf(form, 'name')).to.equal(null);
    const summary = shadow(form).querySelector<HTMLElement>('[part="error-summary"]')!;
    expect(summary.textContent).to.contain('Email: This was not accepted.');
    await waitFor(async () => shadow(form).activeElement === summary);
    expect(control(form, 'email').getAttribute('aria-invalid')).to.equal('true');
    // Editing the field clears the server's verdict: the form's own check has nothing against it.
    fill(form, { email: 'ana.maria@example.com' });
    control(form, 'email').dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await form.updateComplete;
    expect(errorOf(form, 'email')).to.equal(null);
  });

  it('reports a refused lead, keeps what was typed and drops it from the outbox', async () => {
    await standIn.script(['invalid-elsewhere']);
    const form = await renderForm(
      html`<hk-lead-form publishable-key="pk_test" base-url=${baseUrl} fields="email*"></hk-lead-form>`,
    );
    fill(form, { email: 'ana@example.com' });
    const failed = oneEvent(form, 'hk-lead-failed');
    await submit(form);
    const { detail } = await failed;

    expect(detail).to.deep.include({ status: 422, code: 'validation_error', message: 'Invalid request' });
    await form.updateComplete;
    const refusal = shadow(form).querySelector('[part~="message-error"]')!;
    expect(refusal.getAttribute('role')).to.equal('alert');
    // The Send button was disabled while sending, so focus moves to the refusal, not the page body.
    await waitFor(async () => shadow(form).activeElement === refusal);
    expect(control(form, 'email').value).to.equal('ana@example.com');
    expect(outboxKeys()).to.deep.equal([]);
    expect(window.dataLayer).to.deep.equal([{ event: 'hk_lead_failed', hk_status: 422 }]);
  });

  it('can be filled and sent with the keyboard alone', async () => {
    const form = await renderForm(
      html`<hk-lead-form publishable-key="pk_test" base-url=${baseUrl} fields="name*,email*"></hk-lead-form>`,
    );
    control(form, 'name').focus();
    await sendKeys({ type: 'Ana' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'ana@example.com' });
    await sendKeys({ press: 'Tab' });
    const button = shadow(form).querySelector('button')!;
    expect(shadow(form).activeElement).to.equal(button);
    expect(getComputedStyle(button).outlineStyle).to.equal('solid');
    const submitted = oneEvent(form, 'hk-lead-submitted');
    await sendKeys({ press: 'Enter' });
    await submitted;
    expect((await standIn.log()).requests[0]!.body.contact).to.deep.equal({
      name: 'Ana',
      email: 'ana@example.com',
    });
  });

  it('speaks Spanish when its lang or an ancestor says so', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="es-MX"><hk-lead-form publishable-key="pk_test" base-url=${baseUrl}></hk-lead-form></div>`,
    );
    const form = wrapper.querySelector('hk-lead-form')!;
    await form.updateComplete;
    await expect(form).to.be.accessible();
    expect(shadow(form).querySelector('label[for="f-email"]')!.textContent!.trim()).to.equal(
      'Correo electrónico *',
    );
    await submit(form);
    expect(shadow(form).querySelector('[part~="error-name"]')!.textContent).to.equal(
      'Este campo es obligatorio.',
    );
    expect(shadow(form).querySelector('button')!.textContent).to.equal('Enviar');
  });

  it('takes its theme from --hk-* custom properties and ::part', async () => {
    const style = document.createElement('style');
    style.textContent = `
      .themed { --hk-color-primary: rgb(1, 2, 3); --hk-radius: 7px; }
      .themed hk-lead-form::part(input-email) { border-color: rgb(4, 5, 6); }
      .themed hk-lead-form::part(label) { text-transform: uppercase; }
    `;
    document.head.append(style);
    try {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div class="themed"><hk-lead-form publishable-key="pk_test" base-url=${baseUrl}></hk-lead-form></div>`,
      );
      const form = wrapper.querySelector('hk-lead-form')!;
      await form.updateComplete;
      const button = getComputedStyle(shadow(form).querySelector('[part="button"]')!);
      expect(button.backgroundColor).to.equal('rgb(1, 2, 3)');
      expect(button.borderTopLeftRadius).to.equal('7px');
      expect(getComputedStyle(control(form, 'email')).borderTopColor).to.equal('rgb(4, 5, 6)');
      expect(getComputedStyle(control(form, 'name')).borderTopColor).to.not.equal('rgb(4, 5, 6)');
      expect(getComputedStyle(shadow(form).querySelector('[part~="label-phone"]')!).textTransform).to.equal(
        'uppercase',
      );
    } finally {
      style.remove();
    }
  });

  it('speaks the language of its locale attribute, whatever the page says', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="en"><hk-lead-form locale="es" publishable-key="pk_test" base-url=${baseUrl}></hk-lead-form></div>`,
    );
    const form = wrapper.querySelector('hk-lead-form')!;
    await form.updateComplete;
    expect(shadow(form).querySelector('button')!.textContent).to.equal('Enviar');
  });

  describe('when the server refuses the form itself', () => {
    let warnings: string[];
    const originalWarn = console.warn;
    beforeEach(() => {
      warnings = [];
      console.warn = (message: string) => warnings.push(String(message));
    });
    afterEach(() => {
      console.warn = originalWarn;
    });

    async function refusedSubmit(form: HkLeadForm) {
      fill(form, { email: 'ana@example.com' });
      const failed = oneEvent(form, 'hk-lead-failed');
      await submit(form);
      const { detail } = await failed;
      await form.updateComplete;
      return detail;
    }

    for (const [step, problem, named] of [
      ['key-revoked', 'key_revoked', 'revoked'],
      ['key-unknown', 'key_unknown', 'not known'],
      ['origin-refused', 'origin_not_allowed', 'origin is not allowed'],
    ] as const) {
      it(`names the cause in the console and tells the seller nothing was saved: ${problem}`, async () => {
        await standIn.script([step]);
        const form = await renderForm(
          html`<hk-lead-form publishable-key="pk_test" base-url=${baseUrl} fields="email*"></hk-lead-form>`,
        );
        const detail = await refusedSubmit(form);
        expect(detail.setupProblem).to.equal(problem);
        expect(warnings.some((warning) => warning.includes(named))).to.equal(true);
        expect(shadow(form).querySelector('[part~="message-error"]')!.textContent).to.contain(
          'nothing was saved',
        );
        expect(shadow(form).querySelector('[part~="message-queued"]')).to.equal(null);
        expect(outboxKeys()).to.deep.equal([]);
      });
    }

    it('tells a CORS refusal of the page’s origin from a network failure, instead of queuing the lead', async () => {
      const other = new URL(baseUrl);
      other.hostname = other.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
      const form = await renderForm(
        html`<hk-lead-form publishable-key="pk_test" base-url=${other.href} fields="email*"></hk-lead-form>`,
      );
      const detail = await refusedSubmit(form);
      expect(detail).to.deep.include({ status: 0, setupProblem: 'origin_not_allowed' });
      expect(warnings.some((warning) => warning.includes('origin is not allowed'))).to.equal(true);
      expect(shadow(form).querySelector('[part~="message-error"]')!.textContent).to.contain(
        'nothing was saved',
      );
      expect(outboxKeys()).to.deep.equal([]);
    }).timeout(15_000);
  });

  describe('the outbox', () => {
    it('drops submissions older than queue-days without sending them', async () => {
      const now = Date.now();
      const queued = (idempotencyKey: string, expiresAt: number) => ({
        idempotencyKey,
        endpoint: `${baseUrl}/v1/public/leads`,
        publishableKey: 'pk_test',
        body: { contact: { email: `${idempotencyKey}@example.com` } },
        attempts: 3,
        nextAttemptAt: now,
        expiresAt,
      });
      localStorage.setItem(
        'hk-lead-outbox',
        JSON.stringify([queued('expired', now - 1000), queued('waiting', now + 60_000)]),
      );
      const form = await renderForm();
      const sent = await oneEvent(form, 'hk-lead-submitted');
      expect(sent.detail.idempotencyKey).to.equal('waiting');
      const log = await standIn.log();
      expect(log.requests.map((request) => request.headers['idempotency-key'])).to.deep.equal(['waiting']);
      expect(outboxKeys()).to.deep.equal([]);
    });

    for (const [attribute, days] of [
      [undefined, 7],
      ['2', 2],
    ] as const) {
      it(`keeps a queued submission for ${days} days ${attribute ? 'with queue-days' : 'by default'}`, async () => {
        await standIn.script(['unavailable']);
        const form = await renderForm(
          html`<hk-lead-form publishable-key="pk_test" base-url=${baseUrl} fields="email*" queue-days=${attribute ?? nothing}></hk-lead-form>`,
        );
        fill(form, { email: 'ana@example.com' });
        const queued = oneEvent(form, 'hk-lead-queued');
        const before = Date.now();
        await submit(form);
        await queued;
        const [stored] = JSON.parse(localStorage.getItem('hk-lead-outbox')!) as { expiresAt: number }[];
        expect(stored!.expiresAt - before).to.be.within(days * 86_400_000 - 5000, days * 86_400_000 + 5000);
      });
    }
    /** The form's seam for fetching its sending code, as a test reaches it. */
    type WithSeam = { importSending: () => Promise<unknown> };

    it('fetches its sending code only once a visitor starts filling it in', async () => {
      const form = document.createElement('hk-lead-form') as HkLeadForm;
      form.setAttribute('publishable-key', 'pk_test');
      form.setAttribute('base-url', baseUrl);
      const seam = form as unknown as WithSeam;
      const importSending = seam.importSending.bind(form);
      let fetched = 0;
      seam.importSending = () => {
        fetched += 1;
        return importSending();
      };
      const rendered = await renderForm(html`<div></div>`);
      rendered.append(form);
      await form.updateComplete;
      expect(fetched).to.equal(0);
      control(form, 'name').focus();
      control(form, 'email').focus();
      expect(fetched).to.equal(1);
      form.remove();
    });

    it('keeps the lead on the device when its sending code cannot be fetched, and sends it once online', async () => {
      const form = await renderForm(
        html`<hk-lead-form publishable-key="pk_test" base-url=${baseUrl} fields="email*"></hk-lead-form>`,
      );
      const seam = form as unknown as WithSeam;
      const importSending = seam.importSending.bind(form);
      seam.importSending = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
      fill(form, { email: 'offline@example.com' });
      const queued = oneEvent(form, 'hk-lead-queued');
      await submit(form);
      expect((await queued).detail.reason).to.equal('offline');
      await form.updateComplete;
      expect(shadow(form).querySelector('[part~="message-queued"]')).to.not.equal(null);
      const [stored] = outboxKeys();
      expect(stored).to.equal((await queued).detail.idempotencyKey);

      seam.importSending = importSending;
      const sent = oneEvent(form, 'hk-lead-submitted');
      window.dispatchEvent(new Event('online'));
      expect((await sent).detail.idempotencyKey).to.equal(stored);
      const log = await standIn.log();
      expect(log.requests.map((request) => request.body.contact.email)).to.deep.equal([
        'offline@example.com',
      ]);
      expect(outboxKeys()).to.deep.equal([]);
    });

    it('sends one lead when submit is pressed twice while its sending code is still on its way', async () => {
      const form = await renderForm(
        html`<hk-lead-form publishable-key="pk_test" base-url=${baseUrl} fields="email*"></hk-lead-form>`,
      );
      fill(form, { email: 'twice@example.com' });
      const submitted = oneEvent(form, 'hk-lead-submitted');
      const button = shadow(form).querySelector<HTMLButtonElement>('button[type="submit"]')!;
      button.click();
      button.click();
      await submitted;
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect((await standIn.log()).requests).to.have.length(1);
    });

    /** Takes the form's sending code away, as a network that went down after the page loaded would. */
    function withoutSendingCode(form: HkLeadForm) {
      (form as unknown as WithSeam).importSending = () =>
        Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
    }

    it('without its sending code, lets the browser check the fields and keeps nothing invalid', async () => {
      const form = await renderForm(
        html`<hk-lead-form publishable-key="pk_test" base-url=${baseUrl} fields="name*,email*"></hk-lead-form>`,
      );
      withoutSendingCode(form);
      let queued = 0;
      form.addEventListener('hk-lead-queued', () => queued++);
      fill(form, { name: 'Ana', email: 'not-an-email' });
      await submit(form);
      expect(control(form, 'email').validity.valid).to.equal(false);
      expect(queued).to.equal(0);
      expect(outboxKeys()).to.deep.equal([]);
      expect(shadow(form).querySelector('form')).to.not.equal(null);
    });

    it('without its sending code, still goes step by step', async () => {
      const form = await renderForm(html`<hk-lead-form
        publishable-key="pk_test"
        base-url=${baseUrl}
        fields="email*,zip*"
        steps="contact,property"
      ></hk-lead-form>`);
      withoutSendingCode(form);
      nextButton(form).click();
      await form.updateComplete;
      expect(shadow(form).querySelector('[part="step"]')!.textContent).to.equal('Step 1 of 2');
      fill(form, { email: 'ana@example.com' });
      nextButton(form).click();
      await form.updateComplete;
      expect(shadow(form).querySelector('[part="step"]')!.textContent).to.equal('Step 2 of 2');
      expect(shadow(form).activeElement).to.equal(control(form, 'zip'));
    });

    it('sends a lead kept without its sending code from the next page, built as the server expects', async () => {
      const first = await renderForm(html`<hk-lead-form
        publishable-key="pk_test"
        base-url=${baseUrl}
        fields="email*,asking_price,motivation"
        consent-text="You may call me."
        data-field-source-page="pricing"
      ></hk-lead-form>`);
      withoutSendingCode(first);
      fill(first, { email: ' Ana@Example.com ', asking_price: '$250,000', motivation: 'Moving' });
      control(first, 'consent').checked = true;
      const queued = oneEvent(first, 'hk-lead-queued');
      await submit(first);
      const { idempotencyKey } = (await queued).detail;
      first.remove();
      expect((await standIn.log()).requests).to.have.length(0);

      const second = await renderForm();
      await waitFor(async () => (await standIn.log()).requests.length > 0);
      const [request] = (await standIn.log()).requests;
      expect(request!.headers['idempotency-key']).to.equal(idempotencyKey);
      const { attribution, elapsed_ms, ...body } = request!.body;
      expect(body).to.deep.equal({
        contact: { email: 'ana@example.com' },
        property: { asking_price: 250000 },
        motivation: 'Moving',
        consent: { text: 'You may call me.', version: null },
        custom_fields: { source_page: 'pricing' },
        website: '',
      });
      expect(elapsed_ms).to.be.a('number');
      expect(PublicLeadCreate.safeParse(request!.body).success).to.equal(true);
      await waitFor(async () => outboxKeys().length === 0);
      second.remove();
    });
  });

  describe('form features', () => {
    afterEach(() => history.replaceState(null, '', location.pathname));

    it('pre-fills from its prefill attribute and from the URL parameters it allows, and only those', async () => {
      history.replaceState(null, '', `${location.pathname}?zip=78701&email=spoofed@example.com`);
      const form = await renderForm(html`<hk-lead-form
        publishable-key="pk_test"
        base-url=${baseUrl}
        fields="name,email,zip"
        prefill='{"name": "Ana", "email": "ana@example.com"}'
        prefill-params="zip"
      ></hk-lead-form>`);
      expect(control(form, 'name').value).to.equal('Ana');
      expect(control(form, 'email').value).to.equal('ana@example.com');
      expect(control(form, 'zip').value).to.equal('78701');
    });

    it('sends custom fields declared in its markup, checked like the others', async () => {
      const form =
        await renderForm(html`<hk-lead-form publishable-key="pk_test" base-url=${baseUrl} fields="email*">
        <hk-field name="sell_timeline" label="When would you like to sell?" options="ASAP|Within 3 months" required></hk-field>
        <hk-field name="Bad Name" label="Ignored"></hk-field>
      </hk-lead-form>`);
      expect(shadow(form).querySelector('label[for="f-x-sell_timeline"]')!.textContent).to.contain(
        'When would you like to sell?',
      );
      expect(shadow(form).querySelector('[name="x-Bad Name"]')).to.equal(null);
      fill(form, { email: 'ana@example.com' });
      await submit(form);
      await form.updateComplete;
      expect(shadow(form).querySelector('[part="error-summary"] li')!.textContent).to.equal(
        'When would you like to sell?: This field is required.',
      );
      fill(form, { 'x-sell_timeline': 'ASAP' });
      const submitted = oneEvent(form, 'hk-lead-submitted');
      await submit(form);
      await submitted;
      expect((await standIn.log()).requests[0]!.body.custom_fields).to.deep.equal({ sell_timeline: 'ASAP' });
      await expect(form).to.be.accessible();
    });

    it('goes step by step, checking each step before the next', async () => {
      const form = await renderForm(html`<hk-lead-form
        publishable-key="pk_test"
        base-url=${baseUrl}
        fields="name*,email*,address*,city"
        steps="contact,property"
      ></hk-lead-form>`);
      const visible = () =>
        [...shadow(form).querySelectorAll<HTMLElement>('.field')]
          .filter((field) => !field.hidden)
          .map((field) => field.querySelector('label')!.htmlFor);
      expect(shadow(form).querySelector('[part="step"]')!.textContent).to.equal('Step 1 of 2');
      expect(visible()).to.deep.equal(['f-name', 'f-email']);
      nextButton(form).click();
      await form.updateComplete;
      expect(shadow(form).querySelectorAll('[part="error-summary"] li')).to.have.length(2);
      expect(visible()).to.deep.equal(['f-name', 'f-email']);
      fill(form, { name: 'Ana', email: 'ana@example.com' });
      nextButton(form).click();
      await new Promise((resolve) => setTimeout(resolve, 0));
      await form.updateComplete;
      expect(visible()).to.deep.equal(['f-address', 'f-city']);
      expect(shadow(form).activeElement).to.equal(control(form, 'address'));
      await expect(form).to.be.accessible();
      fill(form, { address: '12 Elm St' });
      const submitted = oneEvent(form, 'hk-lead-submitted');
      await submit(form);
      await submitted;
      expect((await standIn.log()).requests[0]!.body).to.deep.include({
        contact: { name: 'Ana', email: 'ana@example.com' },
        property: { address: '12 Elm St' },
      });
    });

    it('sends the visitor to redirect-url once the lead is received, and never to a script URL', async () => {
      for (const [target, expected] of [
        ['/thank-you', `${location.origin}/thank-you`],
        ['javascript:alert(1)', null],
      ] as const) {
        const form = await renderForm(
          html`<hk-lead-form publishable-key="pk_test" base-url=${baseUrl} fields="email*" redirect-url=${target}></hk-lead-form>`,
        );
        const visited: string[] = [];
        (form as unknown as { navigate: (url: string) => void }).navigate = (url) => visited.push(url);
        fill(form, { email: 'ana@example.com' });
        const submitted = oneEvent(form, 'hk-lead-submitted');
        await submit(form);
        await submitted;
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(visited).to.deep.equal(expected ? [expected] : []);
      }
    });
  });
});
