import type { Activity, Sequence, SequenceEnrollment } from '@hidden-key/sdk/schemas';
import { expect, fixture, html } from '@open-wc/testing';
import { makeLead, ORGANIZATION_ID, StandIn, until } from '../../test/fixtures.js';
import '../lead-detail/lead-detail.define.js';
import '../provider/provider.define.js';
import type { HkProvider } from '../provider/provider.js';
import './lead-insights.define.js';
import type { HkLeadInsights } from './lead-insights.js';

let api: StandIn;
const root = (element: Element) => element.shadowRoot as ShadowRoot;
const text = (element: Element) => root(element).textContent?.replace(/\s+/g, ' ') ?? '';
const button = (element: Element, label: string) => {
  const found = [...root(element).querySelectorAll('button')].find(
    (candidate) => candidate.textContent?.trim() === label,
  );
  if (!found) throw new Error(`No button "${label}"`);
  return found;
};

const comps = [
  {
    city: 'Sacramento',
    state: 'CA',
    zip: '95838',
    bedrooms: 3,
    bathrooms: 2,
    sqft: 1_200,
    year_built: 1972,
    price: 241_000,
    distance: 0.1,
  },
  {
    city: 'Sacramento',
    state: 'CA',
    zip: '95838',
    bedrooms: 3,
    bathrooms: 1,
    sqft: 1_100,
    year_built: 1968,
    price: 219_500,
    distance: 0.3,
  },
];
const estimate = {
  value: 235_000,
  low: 221_000,
  high: 246_000,
  method: 'price_per_sqft',
  area: { level: 'zip', name: '95838' },
  comps,
};

function makeActivity(overrides: Partial<Activity>): Activity {
  const now = new Date().toISOString();
  return {
    id: crypto.randomUUID(),
    organization_id: ORGANIZATION_ID,
    type: 'email',
    status: 'pending',
    subject: null,
    description: null,
    metadata: {},
    scheduled_at: null,
    completed_at: null,
    assigned_to: null,
    lead_id: null,
    opportunity_id: null,
    created_at: now,
    updated_at: now,
    ...overrides,
  };
}

function makeSequence(name: string): Sequence {
  const now = new Date().toISOString();
  return {
    id: crypto.randomUUID(),
    organization_id: ORGANIZATION_ID,
    name,
    steps: [
      { channel: 'sms', offset_minutes: 0 },
      { channel: 'email', offset_minutes: 1_440 },
    ],
    quiet_hours: { start: '21:00', end: '08:00' },
    created_at: now,
    updated_at: now,
  };
}

async function render(leadId: string) {
  const provider = await fixture<HkProvider>(html`
    <hk-provider base-url=${api.baseUrl} token="hk_session_test"><hk-lead-insights lead-id=${leadId}></hk-lead-insights></hk-provider>
  `);
  const insights = provider.querySelector('hk-lead-insights') as HkLeadInsights;
  await until(() => text(insights).includes('Follow-up sequences'), 'the panel');
  return insights;
}

describe('<hk-lead-insights>', () => {
  beforeEach(() => {
    localStorage.clear();
    api = new StandIn();
  });

  it('shows the value estimate with the comparable sales it used, accessibly', async () => {
    const lead = makeLead({
      enrichment: {
        comparable_sales: { estimated_value: estimate, owner_occupied: null },
        // What the server records beside it: which property fields enrichment filled (no comps).
        filled_fields: { estimated_value: { by: 'comparable_sales', value: 235_000 } },
      },
    });
    await api.seed({ leads: [lead] });
    const insights = await render(lead.id);
    await until(() => text(insights).includes('$235,000'), 'the estimate');
    await expect(insights).to.be.accessible();
    expect(text(insights)).to.contain('$235,000 (likely $221,000 to $246,000)');
    expect(text(insights)).to.contain('From the 2 nearest sales in 95838.');
    expect(root(insights).querySelectorAll('table')).to.have.length(1);
    const rows = [...root(insights).querySelectorAll('tbody tr')].map((row) =>
      [...row.querySelectorAll('td')].map((cell) => cell.textContent?.trim()),
    );
    expect(rows).to.deep.equal([
      ['Sacramento 95838', '3', '2', '1,200', '1972', '$241,000'],
      ['Sacramento 95838', '3', '1', '1,100', '1968', '$219,500'],
    ]);
  });

  it('looks up comparable sales on request, follows the job, and shows the result', async () => {
    const lead = makeLead();
    await api.seed({
      leads: [lead],
      enrichments: { [lead.id]: { comparable_sales: { estimated_value: estimate } } },
    });
    const insights = await render(lead.id);
    expect(text(insights)).to.contain('No estimate yet.');
    button(insights, 'Look up comparable sales').click();
    await until(() => text(insights).includes('Comparable sales looked up.'), 'the enrichment');
    expect(text(insights)).to.contain('$235,000');
    const paths = (await api.log()).requests.map((request) => `${request.method} ${request.path}`);
    expect(paths).to.include(`POST /v1/leads/${lead.id}/enrich`);
    expect(paths.filter((path) => path.startsWith('GET /v1/jobs/')).length).to.be.at.least(2);
  });

  it('says so when the enrichment job fails', async () => {
    const lead = makeLead();
    await api.seed({ leads: [lead] });
    const insights = await render(lead.id);
    button(insights, 'Look up comparable sales').click();
    await until(() => text(insights).includes('Could not look up comparable sales'), 'the failure');
    expect(text(insights)).to.contain('No provider answered');
    expect(root(insights).querySelector('[part="enrichment"] [role="status"]')!.className).to.equal('bad');
  });

  it('writes drafts, lets a person edit, mark sent or discard them, and refuses an SMS without consent', async () => {
    const lead = makeLead({ contact: { name: 'Rosa', email: 'rosa@example.com', phone: '+15125550188' } });
    await api.seed({ leads: [lead] });
    const insights = await render(lead.id);
    expect(text(insights)).to.contain('No drafts waiting.');

    button(insights, 'Write a follow-up email').click();
    await until(() => root(insights).querySelectorAll('[part="draft"]').length === 2, 'two drafts');
    expect(text(insights)).to.contain('2 new draft(s), written from templates.');
    await expect(insights).to.be.accessible();
    const [first] = root(insights).querySelectorAll('[part="draft"]');
    const mail = first!.querySelector('a')!.getAttribute('href')!;
    expect(mail).to.match(/^mailto:rosa@example\.com\?subject=About%20your%20property/);

    first!.querySelector('textarea')!.value = 'Hi Rosa, could we talk on Friday?';
    button(insights, 'Save changes').click();
    await until(() => text(insights).includes('Draft saved.'), 'the save');
    button(insights, 'Mark as sent').click();
    await until(() => root(insights).querySelectorAll('[part="draft"]').length === 1, 'one draft left');
    button(insights, 'Discard').click();
    await until(() => text(insights).includes('No drafts waiting.'), 'no drafts');
    const patches = (await api.log()).requests.filter((request) => request.method === 'PATCH');
    expect(patches.map((patch) => (patch.body as { status?: string }).status ?? 'edit')).to.deep.equal([
      'edit',
      'completed',
      'cancelled',
    ]);
    expect((patches[0]!.body as { description: string }).description).to.equal(
      'Hi Rosa, could we talk on Friday?',
    );

    button(insights, 'Write a follow-up text').click();
    await until(() => text(insights).includes('Could not write a draft'), 'the refusal');
    expect(text(insights)).to.contain('not consented to SMS');
  });

  it('sends a text draft as edited through the server, and shows why one cannot be sent', async () => {
    const consented = makeLead({
      contact: { name: 'Sam', email: null, phone: '+15125550100' },
      consent: {
        text: 'You may text me.',
        version: 'v1',
        granted_at: new Date().toISOString(),
        ip: null,
        user_agent: null,
      },
    });
    await api.seed({ leads: [consented] });
    const insights = await render(consented.id);
    button(insights, 'Write a follow-up text').click();
    await until(() => root(insights).querySelectorAll('[part="draft"]').length === 2, 'two text drafts');
    expect(root(insights).querySelector('[part="draft"] a')).to.equal(null);
    const [first] = root(insights).querySelectorAll('[part="draft"]');
    first!.querySelector('textarea')!.value =
      'Hi Sam, a quick question about the house. Reply STOP to opt out.';
    button(insights, 'Send text').click();
    await until(() => text(insights).includes('Text sent.'), 'the send');
    expect(root(insights).querySelectorAll('[part="draft"]').length).to.equal(1);
    const calls = (await api.log()).requests.filter((request) => request.method !== 'GET');
    const draftId = calls.at(-1)!.path.split('/')[3]!;
    expect(calls.slice(-2).map((call) => `${call.method} ${call.path}`)).to.deep.equal([
      `PATCH /v1/activities/${draftId}`,
      `POST /v1/activities/${draftId}/send`,
    ]);
    expect(calls.at(-2)!.body).to.deep.equal({
      description: 'Hi Sam, a quick question about the house. Reply STOP to opt out.',
    });

    // Consent withdrawn since the draft: the server refuses and says why; the draft stays.
    const withdrawn = makeLead({ contact: { name: 'Kim', email: null, phone: '+15125550101' } });
    await api.seed({
      leads: [withdrawn],
      activities: [
        makeActivity({
          lead_id: withdrawn.id,
          type: 'sms',
          description: 'Old draft',
          metadata: { ai_draft: {} },
        }),
      ],
    });
    const other = await render(withdrawn.id);
    await until(() => root(other).querySelectorAll('[part="draft"]').length === 1, 'the old draft');
    button(other, 'Send text').click();
    await until(() => text(other).includes('Could not send the text'), 'the refusal');
    expect(text(other)).to.contain('no recorded consent');
    expect(root(other).querySelectorAll('[part="draft"]').length).to.equal(1);
  });

  it('shows drafts a sequence or the automation left, not what was already sent', async () => {
    const lead = makeLead();
    await api.seed({
      leads: [lead],
      activities: [
        makeActivity({
          lead_id: lead.id,
          type: 'sms',
          description: 'Pending text',
          metadata: { ai_draft: { kind: 'follow_up_sms' } },
        }),
        makeActivity({
          lead_id: lead.id,
          type: 'sms',
          status: 'completed',
          description: 'Sent text',
          metadata: { ai_draft: {} },
        }),
        makeActivity({ lead_id: lead.id, type: 'call', description: 'A call', metadata: {} }),
      ],
    });
    const insights = await render(lead.id);
    await until(() => root(insights).querySelectorAll('[part="draft"]').length === 1, 'the draft');
    expect(root(insights).querySelector('textarea')!.value).to.equal('Pending text');
    expect(text(insights)).to.contain('Text draft');
  });

  it('shows each sequence’s state and steps, stops an active one and enrols in another', async () => {
    const lead = makeLead();
    const running = makeSequence('New seller follow-up');
    const other = makeSequence('Cold lead revival');
    const now = new Date().toISOString();
    const enrollment: SequenceEnrollment = {
      id: crypto.randomUUID(),
      organization_id: ORGANIZATION_ID,
      sequence_id: running.id,
      lead_id: lead.id,
      state: 'active',
      stop_reason: null,
      next_step: 1,
      next_run_at: now,
      time_zone: 'America/Chicago',
      history: [
        {
          step: 0,
          channel: 'sms',
          outcome: 'skipped',
          activity_ids: [],
          skipped_reason: 'no_sms_consent',
          source: null,
          ran_at: now,
        },
      ],
      enrolled_at: now,
      stopped_at: null,
      completed_at: null,
      updated_at: now,
    };
    await api.seed({ leads: [lead], sequences: [running, other], enrollments: [enrollment] });
    const insights = await render(lead.id);
    await until(() => text(insights).includes('New seller follow-up'), 'the enrolment');
    expect(text(insights)).to.contain('Active');
    expect(text(insights)).to.contain('Step 2 on');
    expect(text(insights)).to.contain('Step 1, text: skipped (no_sms_consent)');
    await expect(insights).to.be.accessible();
    // Only sequences the lead is not in are offered.
    const options = [...root(insights).querySelectorAll('select[name="sequence"] option')].map(
      (option) => option.textContent,
    );
    expect(options).to.deep.equal(['Cold lead revival']);

    button(insights, 'Stop').click();
    await until(() => text(insights).includes('Sequence stopped.'), 'the stop');
    expect(text(insights)).to.contain('Stopped (stopped by hand)');

    button(insights, 'Enrol').click();
    await until(() => text(insights).includes('Enrolled.'), 'the enrolment');
    expect(root(insights).querySelectorAll('[part="enrollment"]').length).to.equal(2);
    expect(root(insights).querySelector('select[name="sequence"]')).to.equal(null);
    const posts = (await api.log()).requests
      .filter((request) => request.method === 'POST')
      .map((request) => request.path);
    expect(posts).to.deep.equal([
      `/v1/sequence-enrollments/${enrollment.id}/stop`,
      `/v1/sequences/${other.id}/enrollments`,
    ]);
  });

  it('shows where Steve’s chain stands when the organisation runs it, and nothing when it does not', async () => {
    const automated = makeLead();
    const manual = makeLead();
    const step = (
      name: 'enrich' | 'score' | 'draft' | 'task',
      state: 'succeeded' | 'dead' | 'pending',
      error: string | null = null,
    ) => ({
      step: name,
      state,
      job_id: state === 'pending' ? null : crypto.randomUUID(),
      attempts: state === 'dead' ? 5 : 1,
      last_error: error,
      result: null,
    });
    await api.seed({
      leads: [automated, manual],
      automations: {
        [automated.id]: [
          step('enrich', 'succeeded'),
          step('score', 'succeeded'),
          step('draft', 'dead', 'Budget exhausted'),
          step('task', 'pending'),
        ],
      },
    });
    const insights = await render(automated.id);
    await until(() => root(insights).querySelector('[part="automation"]'), 'the chain');
    const steps = [...root(insights).querySelectorAll('[part="automation"] li')].map((item) =>
      item.textContent?.replace(/\s+/g, ' ').trim(),
    );
    expect(steps).to.deep.equal([
      'Enrich: done',
      'Score: done',
      'Draft a follow-up: failed (Budget exhausted)',
      'Task for a person: waiting',
    ]);
    await expect(insights).to.be.accessible();
    const plain = await render(manual.id);
    const asked = async () =>
      (await api.log()).requests.some((request) => request.path === `/v1/leads/${manual.id}/automation`);
    await until(asked, 'the automation asked for');
    await new Promise((resolve) => setTimeout(resolve, 100));
    await plain.updateComplete;
    expect(root(plain).querySelector('[part="automation"]')).to.equal(null);
  });

  it('is what <hk-lead-detail> shows in its ai-drafts slot once defined', async () => {
    const lead = makeLead({ enrichment: { comparable_sales: { estimated_value: estimate } } });
    await api.seed({ leads: [lead] });
    const provider = await fixture<HkProvider>(html`
      <hk-provider base-url=${api.baseUrl} token="hk_session_test"><hk-lead-detail lead-id=${lead.id}></hk-lead-detail></hk-provider>
    `);
    const detail = provider.querySelector('hk-lead-detail')!;
    await until(() => root(detail).querySelector('hk-lead-insights'), 'the insights inside the detail');
    const insights = root(detail).querySelector('hk-lead-insights') as HkLeadInsights;
    expect(insights.leadId).to.equal(lead.id);
    await until(() => text(insights).includes('$235,000'), 'the estimate inside the detail');
  });
});
