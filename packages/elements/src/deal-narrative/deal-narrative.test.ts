import { expect, fixture, html } from '@open-wc/testing';
import { makeDeal, StandIn, until } from '../../test/fixtures.js';
import '../deal-detail/deal-detail.define.js';
import '../provider/provider.define.js';
import type { HkProvider } from '../provider/provider.js';
import './deal-narrative.define.js';
import type { HkDealNarrative } from './deal-narrative.js';

let api: StandIn;
const root = (element: Element) => element.shadowRoot as ShadowRoot;
const text = (element: Element) => root(element).textContent?.replace(/\s+/g, ' ') ?? '';

async function render(opportunityId: string) {
  const provider = await fixture<HkProvider>(html`
    <hk-provider base-url=${api.baseUrl} token="hk_session_test"><hk-deal-narrative opportunity-id=${opportunityId}></hk-deal-narrative></hk-provider>
  `);
  return provider.querySelector('hk-deal-narrative') as HkDealNarrative;
}

describe('<hk-deal-narrative>', () => {
  beforeEach(() => {
    localStorage.clear();
    api = new StandIn();
  });

  it('asks Dave only on request, then shows the narrative in paragraphs and who wrote it', async () => {
    const deal = makeDeal({ property_value: 200_000, offer_amount: 140_000 });
    await api.seed({ opportunities: [deal] });
    const narrative = await render(deal.id);
    await expect(narrative).to.be.accessible();
    expect(
      (await api.log()).requests.filter((request) => request.path === '/v1/ai/analyze-deal'),
    ).to.have.length(0);

    root(narrative).querySelector('button')!.click();
    await until(() => root(narrative).querySelector('[part="narrative"]'), 'the narrative');
    const paragraphs = [...root(narrative).querySelectorAll('[part="narrative"] p')].map(
      (p) => p.textContent,
    );
    expect(paragraphs).to.deep.equal([
      'Buying at 140000 against a value of 200000 leaves a spread of 60000.',
      'The spread is what pays the assignment fee.',
    ]);
    expect(text(narrative)).to.contain('Written from templates');
    expect(root(narrative).querySelector('button')!.textContent).to.equal('Explain again');
    const [call] = (await api.log()).requests.filter((request) => request.path === '/v1/ai/analyze-deal');
    expect(call!.body).to.deep.equal({ opportunity_id: deal.id });
    await expect(narrative).to.be.accessible();
  });

  it('says why when the server refuses', async () => {
    const deal = makeDeal({ property_value: null });
    await api.seed({ opportunities: [deal] });
    const narrative = await render(deal.id);
    root(narrative).querySelector('button')!.click();
    await until(() => text(narrative).includes('Could not analyse the deal'), 'the refusal');
    expect(text(narrative)).to.contain('no numbers to analyse');
    expect(root(narrative).querySelector('[part="narrative"]')).to.equal(null);
  });

  it('is what <hk-deal-detail> shows in its ai-drafts slot once defined', async () => {
    const deal = makeDeal();
    await api.seed({ opportunities: [deal] });
    const provider = await fixture<HkProvider>(html`
      <hk-provider base-url=${api.baseUrl} token="hk_session_test"><hk-deal-detail opportunity-id=${deal.id}></hk-deal-detail></hk-provider>
    `);
    const detail = provider.querySelector('hk-deal-detail')!;
    await until(() => root(detail).querySelector('hk-deal-narrative'), 'the narrative inside the detail');
    const narrative = root(detail).querySelector('hk-deal-narrative') as HkDealNarrative;
    expect(narrative.opportunityId).to.equal(deal.id);
    await until(() => narrative.shadowRoot?.querySelector('button'), 'its button');
  });
});
