import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { makeLead, StandIn, until, withLongSettle } from '../../test/fixtures.js';
import '../provider/provider.define.js';
import type { HkProvider } from '../provider/provider.js';
import './lead-detail.define.js';
import type { HkLeadDetail } from './lead-detail.js';

let api: StandIn;
const root = (element: Element) => element.shadowRoot as ShadowRoot;
const text = (element: Element) => root(element).textContent?.replace(/\s+/g, ' ') ?? '';

async function renderDetail(lead = makeLead()) {
  await api.seed({ leads: [lead] });
  const provider = await fixture<HkProvider>(html`
    <hk-provider base-url=${api.baseUrl} token="hk_session_test"><hk-lead-detail lead-id=${lead.id}></hk-lead-detail></hk-provider>
  `);
  const detail = provider.querySelector('hk-lead-detail') as HkLeadDetail;
  await until(() => root(detail).querySelector('h2'), 'the lead');
  return detail;
}

describe('<hk-lead-detail>', () => {
  beforeEach(() => {
    localStorage.clear();
    api = new StandIn();
  });

  it('shows contact, property, score with its reasons and the source, accessibly', async () => {
    const detail = await renderDetail(
      makeLead({
        source: 'direct_mail',
        contact: { name: 'Rosa Díaz', email: 'rosa@example.com', phone: '+15125550188' },
        property: {
          address: '4821 Ridgeview',
          city: 'Austin',
          state: 'TX',
          bedrooms: 3,
          asking_price: 210_000,
        },
        motivation: 'Inherited the house',
        score: 71.6,
        score_details: {
          probability: 0.716,
          model_id: '00000000-0000-4000-8000-000000000001',
          model_version: 1,
          scored_at: '2026-11-30T10:00:00.000Z',
          reasons: [
            { feature: 'equity', contribution: 0.8, text: 'asking price 18 % under estimated value' },
            { feature: 'age', contribution: -0.2, text: 'lead is 40 days old' },
          ],
          contributions: [],
          bias: -1.2,
        },
        enrichment: { owner_occupied: 'no' },
      }),
    );
    await expect(detail).to.be.accessible();
    const shown = text(detail);
    for (const part of [
      'Rosa Díaz',
      'Direct mail',
      '(512) 555-0188',
      '4821 Ridgeview, Austin, TX',
      '$210,000',
      'Inherited the house',
      '72 of 100',
      'asking price 18 % under estimated value',
      'owner occupied',
    ])
      expect(shown).to.contain(part);
    expect(root(detail).querySelector('a[href="tel:+15125550188"]')).to.not.equal(null);
  });

  it('changes the status once the person settles on one', () =>
    withLongSettle(async () => {
      const detail = await renderDetail(makeLead({ status: 'new' }));
      const select = root(detail).querySelector<HTMLSelectElement>('[part="status"]')!;
      select.focus();
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'ArrowDown' });
      const changed = oneEvent(detail, 'hk-lead-status-changed');
      select.blur();
      expect((await changed).detail.lead.status).to.equal('qualified');
      const patches = (await api.log()).requests.filter((request) => request.method === 'PATCH');
      expect(patches.map((patch) => patch.body)).to.deep.equal([{ status: 'qualified' }]);
    }));

  it('logs a call to its timeline', async () => {
    const lead = makeLead();
    const detail = await renderDetail(lead);
    const log = root(detail).querySelector('hk-activity-log')!;
    await until(() => root(log).textContent?.includes('Nothing logged yet.'), 'the empty timeline');
    root(log).querySelector('textarea')!.value = 'Called, she wants an offer by Friday';
    const logged = oneEvent(detail, 'hk-activity-logged');
    root(log).querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    expect((await logged).detail.activity).to.deep.include({ type: 'call', lead_id: lead.id });
    await until(
      () => root(log).querySelector('[part="timeline"]')?.textContent?.includes('offer by Friday'),
      'the entry',
    );
  });

  it('puts slotted AI drafts and sequences in the panel', async () => {
    const lead = makeLead();
    await api.seed({ leads: [lead] });
    const provider = await fixture<HkProvider>(html`
      <hk-provider base-url=${api.baseUrl} token="hk_session_test">
        <hk-lead-detail lead-id=${lead.id}><p slot="ai-drafts">Draft: Hi Ada…</p></hk-lead-detail>
      </hk-provider>
    `);
    const detail = provider.querySelector('hk-lead-detail') as HkLeadDetail;
    await until(() => root(detail).querySelector('slot[name="ai-drafts"]'), 'the slot');
    const slot = root(detail).querySelector<HTMLSlotElement>('slot[name="ai-drafts"]')!;
    expect(slot.assignedElements()[0]?.textContent).to.equal('Draft: Hi Ada…');
  });

  it('says a missing lead no longer exists', async () => {
    const provider = await fixture<HkProvider>(html`
      <hk-provider base-url=${api.baseUrl} token="hk_session_test"><hk-lead-detail lead-id="00000000-0000-4000-8000-00000000dead"></hk-lead-detail></hk-provider>
    `);
    const detail = provider.querySelector('hk-lead-detail') as HkLeadDetail;
    await until(() => text(detail).includes('This lead no longer exists.'), 'the notice');
  });
});
