import { analyzeWholesale } from '@hidden-key/sdk/analysis';
import { OpportunityAnalysis } from '@hidden-key/sdk/schemas';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { makeDeal, makeLead, StandIn, until } from '../../test/fixtures.js';
import '../provider/provider.define.js';
import type { HkProvider } from '../provider/provider.js';
import './deal-detail.define.js';
import type { HkDealDetail } from './deal-detail.js';

let api: StandIn;
const root = (element: Element) => element.shadowRoot as ShadowRoot;
const text = (element: Element) => root(element).textContent?.replace(/\s+/g, ' ') ?? '';

describe('<hk-deal-detail>', () => {
  beforeEach(() => {
    localStorage.clear();
    api = new StandIn();
  });

  async function renderDetail(deal = makeDeal(), leads = [makeLead()]) {
    await api.seed({ opportunities: [deal], leads });
    const provider = await fixture<HkProvider>(html`
      <hk-provider base-url=${api.baseUrl} token="hk_session_test">
        <hk-deal-detail opportunity-id=${deal.id}><p slot="analysis">The calculator</p></hk-deal-detail>
      </hk-provider>
    `);
    const detail = provider.querySelector('hk-deal-detail') as HkDealDetail;
    await until(() => root(detail).querySelector('h2'), 'the deal');
    return detail;
  }

  it('shows the numbers, the property, the seller and the saved analysis, accessibly', async () => {
    const lead = makeLead({ contact: { name: 'Rosa Díaz', email: null, phone: null } });
    const detail = await renderDetail(
      makeDeal({
        lead_id: lead.id,
        deal_type: 'wholesale',
        property_value: 310_000,
        offer_amount: 180_000,
        estimated_profit: 12_500,
        property: { address: '4821 Ridgeview', city: 'Austin', sqft: 1850 },
        analysis: OpportunityAnalysis.parse({
          kind: 'wholesale',
          input: { after_repair_value: 310_000 },
          output: analyzeWholesale({ after_repair_value: 310_000 }),
          saved_at: '2026-11-30T10:00:00Z',
        }),
      }),
      [lead],
    );
    await until(() => text(detail).includes('Rosa Díaz'), 'the seller');
    await expect(detail).to.be.accessible();
    for (const part of [
      '4821 Ridgeview',
      'Wholesale',
      '$310,000',
      '$180,000',
      '$12,500',
      '1,850',
      'Analysed as Wholesale',
    ])
      expect(text(detail)).to.contain(part);
    const slot = root(detail).querySelector<HTMLSlotElement>('slot[name="analysis"]')!;
    expect(slot.assignedElements()[0]?.textContent).to.equal('The calculator');
    const selected = oneEvent(detail, 'hk-lead-selected');
    root(detail).querySelector<HTMLButtonElement>('[aria-label="Open Rosa Díaz"]')!.click();
    expect((await selected).detail.lead.id).to.equal(lead.id);
  });

  it('moves the deal to another stage', async () => {
    const deal = makeDeal({ stage: 'prospecting' });
    const detail = await renderDetail(deal);
    const select = root(detail).querySelector<HTMLSelectElement>('[part="stage"]')!;
    const changed = oneEvent(detail, 'hk-deal-stage-changed');
    select.value = 'negotiation';
    select.dispatchEvent(new Event('change'));
    const { detail: moved } = await changed;
    expect(moved.previous).to.equal('prospecting');
    expect(moved.deal.stage).to.equal('negotiation');
    const [move] = (await api.log()).requests.filter((request) => request.path.endsWith('/move'));
    expect(move?.body).to.deep.include({ stage: 'negotiation' });
  });
});
