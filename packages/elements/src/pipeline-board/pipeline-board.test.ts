import type { Lead, Opportunity } from '@hidden-key/sdk/schemas';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { daysAgo, makeDeal, makeLead, StandIn, until } from '../../test/fixtures.js';
import '../provider/provider.define.js';
import type { HkProvider } from '../provider/provider.js';
import './pipeline-board.define.js';
import type { HkPipelineBoard } from './pipeline-board.js';

let api: StandIn;

async function renderBoard(
  deals: Opportunity[],
  attributes = { staleDays: 14, lang: 'en' },
  /** Leads other components (a lead list) have loaded into the shared store. */
  leads: Lead[] = [],
) {
  await api.seed({ opportunities: deals, leads });
  const provider = await fixture<HkProvider>(html`
    <hk-provider base-url=${api.baseUrl} token="hk_session_test" lang=${attributes.lang}>
      <hk-pipeline-board stale-days=${attributes.staleDays}></hk-pipeline-board>
    </hk-provider>
  `);
  provider.hk?.stores.leads.seed(leads);
  const board = provider.querySelector('hk-pipeline-board') as HkPipelineBoard;
  await until(() => cards(board).length >= Math.min(deals.length, 1), 'the cards');
  await until(() => provider.hk?.$live.get() === 'open', 'the event stream');
  return { provider, board };
}

const root = (board: HkPipelineBoard) => board.shadowRoot as ShadowRoot;
const column = (board: HkPipelineBoard, name: string) =>
  root(board).querySelector<HTMLElement>(`[role="list"][aria-label="${name}"]`) as HTMLElement;
const cards = (board: HkPipelineBoard, name?: string) =>
  [...(name ? column(board, name) : root(board)).querySelectorAll<HTMLElement>('[role="listitem"]')].sort(
    (a, b) => Number(a.getAttribute('aria-posinset')) - Number(b.getAttribute('aria-posinset')),
  );
const titles = (board: HkPipelineBoard, name: string) =>
  cards(board, name).map((card) => card.querySelector('[part="card-title"]')?.textContent);
const card = (board: HkPipelineBoard, title: string) =>
  cards(board).find(
    (item) => item.querySelector('[part="card-title"]')?.textContent === title,
  ) as HTMLElement;
const moves = async () => (await api.log()).requests.filter((request) => request.path.endsWith('/move'));

function dragEvent(type: string, target: Element, x: number, y: number, dataTransfer: DataTransfer) {
  target.dispatchEvent(
    new DragEvent(type, {
      bubbles: true,
      composed: true,
      cancelable: true,
      clientX: x,
      clientY: y,
      dataTransfer,
    }),
  );
}
/** Presses `key` with Alt held, the board's "move this card" chord. */
async function altPress(key: string) {
  await sendKeys({ down: 'Alt' });
  await sendKeys({ press: key });
  await sendKeys({ up: 'Alt' });
}
const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));

/** Starts a native drag of `source` the way a browser does, and returns how to hover and drop. */
async function startDrag(source: HTMLElement) {
  const box = source.getBoundingClientRect();
  const dataTransfer = new DataTransfer();
  source.dispatchEvent(
    new PointerEvent('pointerdown', {
      bubbles: true,
      composed: true,
      clientX: box.x + 5,
      clientY: box.y + 5,
    }),
  );
  dragEvent('dragstart', source, box.x + 5, box.y + 5, dataTransfer);
  await frame();
  return {
    async over(target: HTMLElement, x: number, y: number) {
      dragEvent('dragenter', target, x, y, dataTransfer);
      dragEvent('dragover', target, x, y, dataTransfer);
      await frame();
    },
    async drop(target: HTMLElement, x: number, y: number) {
      dragEvent('drop', target, x, y, dataTransfer);
      dragEvent('dragend', source, x, y, dataTransfer);
      await frame();
    },
  };
}

describe('<hk-pipeline-board>', () => {
  beforeEach(() => {
    localStorage.clear();
    api = new StandIn();
  });

  it('is accessible, with a labelled list per stage holding count, total and weighted value', async () => {
    const { board } = await renderBoard([
      makeDeal({ stage: 'negotiation', property_value: 100_000, position: 0 }),
      makeDeal({
        stage: 'negotiation',
        property_value: 300_000,
        position: 1,
        property: { address: '2 Oak Ave' },
      }),
    ]);
    await expect(board).to.be.accessible();
    const lists = [...root(board).querySelectorAll('[role="list"]')].map((list) =>
      list.getAttribute('aria-label'),
    );
    expect(lists).to.deep.equal([
      'Prospecting',
      'Qualified',
      'Proposal',
      'Negotiation',
      'Due diligence',
      'Closing',
      'Won',
      'Lost',
    ]);
    const header = root(board)
      .querySelector('[data-stage="negotiation"] header')
      ?.textContent?.replace(/\s+/g, ' ');
    expect(header).to.contain('2 deals');
    expect(header).to.contain('$400,000');
    expect(header, 'weighted at 60 %').to.contain('$240,000');
  });

  it('shows address, type, value, profit, days in stage, its lead’s score and a stale marker', async () => {
    const seller = makeLead({ score: 81 });
    const { board } = await renderBoard(
      [
        makeDeal({
          lead_id: seller.id,
          property: { address: '9 Quiet Ln' },
          deal_type: 'fix_and_flip',
          property_value: 250_000,
          estimated_profit: 42_000,
          stage_changed_at: daysAgo(3),
          updated_at: daysAgo(10),
        }),
        makeDeal({ property: { address: '1 Busy Rd' }, position: 1 }),
      ],
      { staleDays: 7, lang: 'en' },
      [seller],
    );
    await until(() => card(board, '9 Quiet Ln').querySelector('[part="score"]') !== null, 'the score');
    const quiet = card(board, '9 Quiet Ln').textContent?.replace(/\s+/g, ' ') ?? '';
    for (const text of ['Fix and flip', '$250,000', '$42,000', '3 days in stage', 'Score 81', 'Stale'])
      expect(quiet).to.contain(text);
    expect(card(board, '1 Busy Rd').querySelector('[part="stale"]')).to.equal(null);
    expect(
      card(board, '1 Busy Rd').querySelector('[part="score"]'),
      'a deal without a lead has no score',
    ).to.equal(null);
  });

  it('moves a card with the keyboard, within and between stages, and announces it', async () => {
    const { board } = await renderBoard([
      makeDeal({ property: { address: 'A' }, position: 0 }),
      makeDeal({ property: { address: 'B' }, position: 1 }),
      makeDeal({ property: { address: 'C' }, position: 2 }),
    ]);
    card(board, 'A').focus();
    await altPress('ArrowDown');
    await until(async () => (await moves()).length === 1, 'the move request');
    expect(titles(board, 'Prospecting')).to.deep.equal(['B', 'A', 'C']);
    expect(root(board).activeElement?.textContent).to.contain('A');

    await altPress('ArrowRight');
    await until(async () => (await moves()).length === 2, 'the second move request');
    expect(titles(board, 'Qualified')).to.deep.equal(['A']);
    expect(titles(board, 'Prospecting')).to.deep.equal(['B', 'C']);
    expect(root(board).activeElement?.textContent, 'focus follows the card').to.contain('A');
    expect(root(board).querySelector('[role="status"]')?.textContent).to.contain(
      'A moved to Qualified, position 1 of 1',
    );
    const [within, across] = await moves();
    const ids = Object.fromEntries(
      cards(board).map((item) => [item.querySelector('[part="card-title"]')?.textContent, item.dataset.id]),
    );
    expect(within?.body).to.deep.equal({ stage: 'prospecting', after_id: ids.B, before_id: ids.C });
    expect(across?.body).to.deep.equal({ stage: 'qualified', after_id: null, before_id: null });
  });

  it('moves a card through its "Move to…" menu button', async () => {
    const { board } = await renderBoard([makeDeal({ property: { address: 'Menu St' } })]);
    const button = card(board, 'Menu St').querySelector<HTMLButtonElement>(
      '[part="move-button"]',
    ) as HTMLButtonElement;
    expect(button.getAttribute('aria-haspopup')).to.equal('menu');
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    button.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => root(board).querySelector('[role="menu"]'), 'the menu');
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    const items = [...root(board).querySelectorAll('[role="menuitem"]')].map((item) => item.textContent);
    expect(items).to.deep.equal([
      'Qualified',
      'Proposal',
      'Negotiation',
      'Due diligence',
      'Closing',
      'Won',
      'Lost',
    ]);
    await expect(board).to.be.accessible();
    expect(root(board).activeElement?.textContent).to.equal('Qualified');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await until(() => titles(board, 'Negotiation').length === 1, 'the card in Negotiation');
    expect(root(board).querySelector('[role="menu"]')).to.equal(null);
    const [move] = await moves();
    expect(move?.body).to.deep.equal({ stage: 'negotiation', after_id: null, before_id: null });
  });

  it('reopens a won deal explicitly when the user moves it out of Won', async () => {
    const { board } = await renderBoard([makeDeal({ stage: 'won', property: { address: 'Closed Ct' } })]);
    const button = card(board, 'Closed Ct').querySelector<HTMLButtonElement>(
      '[part="move-button"]',
    ) as HTMLButtonElement;
    button.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => root(board).querySelector('[role="menu"]'), 'the menu');
    expect(root(board).activeElement?.textContent).to.equal('Prospecting');
    await sendKeys({ press: 'Enter' });
    await until(async () => (await moves()).length === 1, 'the move request');
    const [move] = await moves();
    expect(move?.body).to.deep.equal({ stage: 'prospecting', after_id: null, before_id: null, reopen: true });
  });

  it('closes the menu with Escape and gives focus back to its button', async () => {
    const { board } = await renderBoard([makeDeal({ property: { address: 'Esc St' } })]);
    const button = card(board, 'Esc St').querySelector<HTMLButtonElement>(
      '[part="move-button"]',
    ) as HTMLButtonElement;
    button.click();
    await until(() => root(board).querySelector('[role="menu"]'), 'the menu');
    await sendKeys({ press: 'Escape' });
    await until(() => !root(board).querySelector('[role="menu"]'), 'the menu to close');
    await until(() => root(board).activeElement === button, 'focus on the button');
    expect(await moves()).to.have.length(0);
  });

  it('rolls a refused move back with a visible, announced message', async () => {
    const { board } = await renderBoard([makeDeal({ property: { address: 'Locked Ave' } })]);
    await api.refuse(1, 'Deal is locked by a closing');
    const failed = oneEvent(board, 'hk-deal-move-failed');
    card(board, 'Locked Ave').focus();
    await altPress('ArrowRight');
    await failed;
    await until(() => titles(board, 'Prospecting').length === 1, 'the card back in Prospecting');
    expect(titles(board, 'Qualified')).to.deep.equal([]);
    const notice = root(board).querySelector('[part="notice"]')?.textContent ?? '';
    expect(notice).to.contain(
      'Could not move Locked Ave to Qualified: Deal is locked by a closing. It is back in Prospecting.',
    );
    expect(root(board).querySelector('[role="status"]')?.textContent).to.contain(
      'Deal is locked by a closing',
    );
  });

  it('says in its own words when the server is down for a moment, not what a proxy answered', async () => {
    const { board } = await renderBoard([makeDeal({ property: { address: 'Outage Ln' } })]);
    // Every try the client makes (it retries a 503) meets the same outage.
    await api.refuse(3, 'upstream connect error or disconnect/reset before headers', {
      status: 503,
      proxy: true,
    });
    const failed = oneEvent(board, 'hk-deal-move-failed');
    card(board, 'Outage Ln').focus();
    await altPress('ArrowRight');
    await failed;
    const notice = root(board).querySelector('[part="notice"]')?.textContent ?? '';
    expect(notice).to.contain(
      'Could not move Outage Ln to Qualified: Hidden Key is unavailable for a moment; try again shortly. It is back in Prospecting.',
    );
    expect(notice).not.to.contain('upstream');
  });

  it("applies other users' moves live", async () => {
    const deal = makeDeal({ property: { address: 'Live Ct' } });
    const { board } = await renderBoard([deal]);
    await api.external({ move: { id: deal.id, stage: 'closing' } });
    await until(() => titles(board, 'Closing').length === 1, 'the live move');
    expect(titles(board, 'Prospecting')).to.deep.equal([]);
  });

  it('drags a card between columns and reports the move', async () => {
    const deals = [
      makeDeal({ property: { address: 'Drag Me' }, position: 0 }),
      makeDeal({ stage: 'proposal', property: { address: 'P1' }, position: 0 }),
      makeDeal({ stage: 'proposal', property: { address: 'P2' }, position: 1 }),
    ];
    const { board } = await renderBoard(deals);
    const moved = oneEvent(board, 'hk-deal-moved');
    const drag = await startDrag(card(board, 'Drag Me'));
    const target = card(board, 'P2');
    const box = target.getBoundingClientRect();
    // The top edge of P2: the card lands between P1 and P2.
    await drag.over(target, box.x + 10, box.y + 2);
    expect(root(board).querySelector('.drop-line'), 'the drop indicator').to.not.equal(null);
    await drag.drop(target, box.x + 10, box.y + 2);
    const { detail } = await moved;
    expect(detail.from).to.equal('prospecting');
    expect(detail.to).to.equal('proposal');
    expect(titles(board, 'Proposal')).to.deep.equal(['P1', 'Drag Me', 'P2']);
    const [move] = await moves();
    expect(move?.body).to.deep.equal({ stage: 'proposal', after_id: deals[1]?.id, before_id: deals[2]?.id });
  });

  it('holds live changes while a drag is in progress and applies them on drop', async () => {
    const other = makeDeal({ property: { address: 'Other' }, position: 1 });
    const { board } = await renderBoard([makeDeal({ property: { address: 'Held' }, position: 0 }), other]);
    const drag = await startDrag(card(board, 'Held'));
    await api.external({ move: { id: other.id, stage: 'won' } });
    const connection = (board.parentElement as HkProvider).hk;
    await until(
      () => connection?.stores.opportunities.$opportunities.get().get(other.id)?.stage === 'won',
      'the event',
    );
    await frame();
    expect(titles(board, 'Won'), 'not while dragging').to.deep.equal([]);
    const outside = root(board).querySelector('[part="toolbar"]') as HTMLElement;
    await drag.drop(outside, 1, 1);
    await until(() => titles(board, 'Won').length === 1, 'the deferred change');
    expect(await moves(), 'a drop outside the columns moves nothing').to.have.length(0);
  });

  it('filters by deal type and text', async () => {
    const { board } = await renderBoard([
      makeDeal({ property: { address: '1 Flip St' }, deal_type: 'fix_and_flip' }),
      makeDeal({
        property: { address: '2 Hold St', city: 'Dallas' },
        deal_type: 'buy_and_hold',
        position: 1,
      }),
      makeDeal({ property: { address: '3 Hold St' }, deal_type: 'buy_and_hold', position: 2 }),
    ]);
    const select = root(board).querySelector('select') as HTMLSelectElement;
    select.value = 'buy_and_hold';
    select.dispatchEvent(new Event('change'));
    await board.updateComplete;
    expect(titles(board, 'Prospecting')).to.deep.equal(['2 Hold St', '3 Hold St']);
    const search = root(board).querySelector('input[type="search"]') as HTMLInputElement;
    search.value = 'dallas';
    search.dispatchEvent(new Event('input'));
    await board.updateComplete;
    expect(titles(board, 'Prospecting')).to.deep.equal(['2 Hold St']);
  });

  it('fires hk-deal-selected on click and on Enter', async () => {
    const deal = makeDeal({ property: { address: 'Pick Me' } });
    const { board } = await renderBoard([deal]);
    const clicked = oneEvent(board, 'hk-deal-selected');
    (card(board, 'Pick Me').querySelector('[part="card-title"]') as HTMLElement).click();
    expect((await clicked).detail.deal.id).to.equal(deal.id);
    card(board, 'Pick Me').focus();
    const entered = oneEvent(board, 'hk-deal-selected');
    await sendKeys({ press: 'Enter' });
    expect((await entered).detail.deal.id).to.equal(deal.id);
  });

  it('renders lead text as text', async () => {
    const { board } = await renderBoard([
      makeDeal({ property: { address: '<img src=x onerror=alert(1)>' } }),
    ]);
    expect(root(board).querySelector('img')).to.equal(null);
    expect(cards(board)[0]?.textContent).to.contain('<img src=x onerror=alert(1)>');
  });

  it('speaks Spanish', async () => {
    const { board } = await renderBoard([makeDeal()], { staleDays: 14, lang: 'es' });
    expect(column(board, 'Negociación')).to.not.equal(null);
    expect(cards(board)[0]?.querySelector('[part="move-button"]')?.textContent).to.match(/^Mover a…/);
  });

  it('keeps 10,000 deals in a handful of DOM nodes and scrolls through them', async () => {
    const provider = await fixture<HkProvider>(html`
      <hk-provider base-url=${api.baseUrl}><hk-pipeline-board></hk-pipeline-board></hk-provider>
    `);
    const board = provider.querySelector('hk-pipeline-board') as HkPipelineBoard;
    provider.hk?.stores.opportunities.seed(
      Array.from({ length: 10_000 }, (_, index) =>
        makeDeal({
          stage: index % 2 ? 'qualified' : 'prospecting',
          position: index,
          property: { address: `Deal ${index}` },
        }),
      ),
    );
    await board.updateComplete;
    expect(root(board).querySelector('[data-stage="qualified"] header')?.textContent).to.contain(
      '5,000 deals',
    );
    expect(cards(board, 'Qualified')).to.not.have.length(0);
    expect(cards(board).length).to.be.lessThan(100);
    const scroller = column(board, 'Prospecting').parentElement as HTMLElement;
    scroller.scrollTop = scroller.scrollHeight;
    await until(() => titles(board, 'Prospecting').includes('Deal 9998'), 'the last card after scrolling');
    expect(cards(board).length).to.be.lessThan(100);
  });

  describe('before and instead of a pipeline', () => {
    const headerCounts = (board: HkPipelineBoard) =>
      [...root(board).querySelectorAll('header .count')].map((count) => count.textContent?.trim());
    const noticeText = (board: HkPipelineBoard) =>
      root(board).querySelector('[part="notice"]')?.textContent?.replace(/\s+/g, ' ') ?? '';

    it('says it is loading, not "0 deals $0", until the pipeline arrives', async () => {
      const provider = await fixture<HkProvider>(html`
        <hk-provider base-url=${api.baseUrl} token="hk_session_test"><hk-pipeline-board></hk-pipeline-board></hk-provider>
      `);
      const board = provider.querySelector('hk-pipeline-board') as HkPipelineBoard;
      await board.updateComplete;
      expect(headerCounts(board).every((count) => count === 'Loading…')).to.equal(true);
      expect(root(board).querySelector('.sums')).to.equal(null);
      await until(() => headerCounts(board)[0] === '0 deals', 'the loaded pipeline');
    });

    it('says the server cannot be reached, with a retry, when the API is down', async () => {
      const provider = await fixture<HkProvider>(html`
        <hk-provider base-url="http://127.0.0.1:9" token="hk_session_test"><hk-pipeline-board></hk-pipeline-board></hk-provider>
      `);
      const board = provider.querySelector('hk-pipeline-board') as HkPipelineBoard;
      await until(() => noticeText(board), 'the notice', 15_000);
      expect(noticeText(board)).to.contain('Cannot reach Hidden Key');
      expect(headerCounts(board)).to.include('Not loaded');
      expect(headerCounts(board)).not.to.include('0 deals');
      expect(root(board).querySelector('[part="notice"] button')?.textContent).to.equal('Try again');
    }).timeout(20_000);

    it('asks to sign in again when the session is refused', async () => {
      const provider = await fixture<HkProvider>(html`
        <hk-provider base-url=${api.baseUrl} token="signed-out"><hk-pipeline-board></hk-pipeline-board></hk-provider>
      `);
      const board = provider.querySelector('hk-pipeline-board') as HkPipelineBoard;
      await until(() => noticeText(board), 'the notice');
      expect(noticeText(board)).to.contain('sign in again');
      expect(headerCounts(board)).not.to.include('0 deals');
    });
  });

  it('scrolls the board sideways while a card is held near its edge, to reach stages off screen', async () => {
    const { board } = await renderBoard([makeDeal({ property: { address: 'Far Away' } })]);
    board.style.width = '600px';
    await board.updateComplete;
    const scroller = root(board).querySelector<HTMLElement>('.board')!;
    expect(scroller.scrollWidth).to.be.greaterThan(scroller.clientWidth);
    const drag = await startDrag(card(board, 'Far Away'));
    const edge = scroller.getBoundingClientRect();
    for (let i = 0; i < 10; i++) await drag.over(scroller, edge.right - 10, edge.top + 200);
    expect(scroller.scrollLeft).to.be.greaterThan(0);
    await drag.drop(scroller, edge.right - 10, edge.top + 200);
  });

  it('rounds scores and gives the "Move to…" button a 24 px target', async () => {
    const seller = makeLead({ score: 54.311 });
    const { board } = await renderBoard(
      [makeDeal({ lead_id: seller.id, property: { address: 'Scored' } })],
      undefined,
      [seller],
    );
    await until(() => card(board, 'Scored').querySelector('[part="score"]') !== null, 'the score');
    expect(card(board, 'Scored').querySelector('[part="score"]')?.textContent).to.equal('Score 54');
    const button = card(board, 'Scored').querySelector('[part="move-button"]')!.getBoundingClientRect();
    expect(button.height).to.be.at.least(24);
    expect(button.width).to.be.at.least(24);
  });

  it('fits its Spanish labels in the cards, unclipped', async () => {
    const seller = makeLead({ score: 88 });
    const { board } = await renderBoard(
      [
        makeDeal({
          lead_id: seller.id,
          property: { address: '4821 Ridgeview' },
          deal_type: 'fix_and_flip',
          property_value: 1_250_000,
          estimated_profit: 142_000,
          updated_at: daysAgo(30),
          stage_changed_at: daysAgo(30),
        }),
      ],
      { staleDays: 14, lang: 'es' },
      [seller],
    );
    await until(() => card(board, '4821 Ridgeview').querySelector('[part="score"]') !== null, 'the score');
    const shown = card(board, '4821 Ridgeview');
    expect(shown.scrollHeight).to.be.at.most(shown.clientHeight);
    for (const line of shown.querySelectorAll<HTMLElement>('p, p > span, button')) {
      expect(line.scrollWidth, line.textContent ?? '').to.be.at.most(line.clientWidth);
    }
    expect(shown.textContent).to.contain('Reformar y vender');
  });

  it('adds a deal from a column, at the end of that stage', async () => {
    const { board } = await renderBoard([makeDeal({ stage: 'qualified', property: { address: 'Q1' } })]);
    const button = root(board).querySelector<HTMLButtonElement>(
      '[data-stage="qualified"] [part="add-button"]',
    )!;
    expect(button.getAttribute('aria-label')).to.equal('Add a deal to Qualified');
    button.click();
    await board.updateComplete;
    const form = root(board).querySelector<HTMLFormElement>('[part="add-form"]')!;
    expect(root(board).activeElement).to.equal(form.querySelector('input'));
    await expect(board).to.be.accessible();
    form.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await board.updateComplete;
    expect(form.querySelector('[role="alert"]')?.textContent).to.contain('address or a title');
    form.querySelector('input')!.value = '77 New Rd';
    form.querySelector('select')!.value = 'brrrr';
    const created = oneEvent(board, 'hk-deal-created');
    form.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    const { detail } = await created;
    expect(detail.deal).to.deep.include({ stage: 'qualified', deal_type: 'brrrr', title: '77 New Rd' });
    await until(() => titles(board, 'Qualified').join() === 'Q1,77 New Rd', 'the new card');
    expect(root(board).querySelector('[part="add-form"]')).to.equal(null);
    expect(root(board).activeElement).to.equal(button);
  });
});
