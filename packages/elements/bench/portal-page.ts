/**
 * Runs in Chromium, driven by bench/portal.mjs: each `measure` call times one scenario on a fresh
 * page and returns milliseconds (to the first frame painted after the change) or heap bytes.
 */
import type { Opportunity } from '@hidden-key/sdk/schemas';
import { OPPORTUNITY_STAGES } from '@hidden-key/sdk/schemas/lists';
import { makeDeal, makeLead } from '../test/fixtures.js';
import '../src/deal-calculator/deal-calculator.define.js';
import '../src/lead-list/lead-list.define.js';
import '../src/pipeline-board/pipeline-board.define.js';
import '../src/provider/provider.define.js';
import type { HkProvider } from '../src/provider/provider.js';

const DEALS = 10_000;
const LEADS = 100_000;

/** Resolves after the next frame has been painted. */
const painted = () =>
  new Promise<void>((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(undefined);
    }),
  );

const deals = () =>
  Array.from({ length: DEALS }, (_, index) =>
    makeDeal({
      stage: OPPORTUNITY_STAGES[index % OPPORTUNITY_STAGES.length],
      position: index,
      property: { address: `${index} Bench St` },
      analysis: { score: index % 100 },
    }),
  );

async function provider(inner: string): Promise<HkProvider> {
  document.body.innerHTML = `<hk-provider base-url="${location.origin}/api">${inner}</hk-provider>`;
  const element = document.querySelector('hk-provider') as HkProvider;
  await element.updateComplete;
  await painted();
  return element;
}

/** Answers the board's move request as the server would, so the bench needs no API. */
function answerMoves(element: HkProvider) {
  window.fetch = async (input: RequestInfo | URL) => {
    const request = input as Request;
    const id = new URL(request.url).pathname.split('/').at(-2) as string;
    const body = await request.json();
    const held = element.hk?.stores.opportunities.$opportunities.get().get(id) as Opportunity;
    const data = { ...held, stage: body.stage, updated_at: new Date().toISOString() };
    return new Response(JSON.stringify({ success: true, data, timestamp: data.updated_at }), {
      headers: { 'content-type': 'application/json' },
    });
  };
}

const gc = () => (window as unknown as { gc: () => void }).gc();
const heap = () => (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize;

const scenarios: Record<string, () => Promise<number>> = {
  /** Baseline: 10,000 plain divs holding the same address text. */
  async 'render 10,000 plain divs'() {
    const rows = deals();
    const start = performance.now();
    const container = document.createElement('div');
    for (const deal of rows) {
      const div = document.createElement('div');
      div.textContent = deal.property.address ?? '';
      container.append(div);
    }
    document.body.replaceChildren(container);
    await painted();
    return performance.now() - start;
  },
  async 'board first render, 10,000 deals'() {
    const element = await provider('<hk-pipeline-board></hk-pipeline-board>');
    const rows = deals();
    const start = performance.now();
    element.hk?.stores.opportunities.seed(rows);
    await element.querySelector('hk-pipeline-board')?.updateComplete;
    await painted();
    return performance.now() - start;
  },
  /** Baseline: moving one plain div to another container. */
  async 'move one plain div'() {
    document.body.innerHTML = '<div id="a"><div id="card">card</div></div><div id="b"></div>';
    await painted();
    const start = performance.now();
    document.getElementById('b')?.append(document.getElementById('card') as HTMLElement);
    await painted();
    return performance.now() - start;
  },
  async 'board move to painted, 10,000 deals'() {
    const element = await provider('<hk-pipeline-board></hk-pipeline-board>');
    element.hk?.stores.opportunities.seed(deals());
    const board = element.querySelector('hk-pipeline-board');
    await board?.updateComplete;
    await painted();
    answerMoves(element);
    const cards = board?.shadowRoot?.querySelectorAll<HTMLElement>(
      '[role="listitem"]',
    ) as NodeListOf<HTMLElement>;
    const store = element.hk?.stores.opportunities;
    // One move first, so the figure is the steady state rather than the first frame's warm-up.
    await store?.move(cards[0]?.dataset.id as string, { stage: 'closing' });
    await painted();
    const start = performance.now();
    // What a drop does: an optimistic move through the store, painted before the server answers.
    store?.move(cards[1]?.dataset.id as string, { stage: 'closing' });
    await board?.updateComplete;
    await painted();
    return performance.now() - start;
  },
  async 'lead list first render, 100,000 leads'() {
    const element = await provider('<hk-lead-list></hk-lead-list>');
    const base = Date.parse('2026-01-01T00:00:00Z');
    const rows = Array.from({ length: LEADS }, (_, index) =>
      makeLead({
        created_at: new Date(base - index * 60_000).toISOString(),
        contact: { name: `Lead ${index}`, email: null, phone: null },
      }),
    );
    const start = performance.now();
    element.hk?.stores.leads.seed(rows);
    const list = element.querySelector('hk-lead-list');
    await list?.updateComplete;
    await painted();
    await painted();
    return performance.now() - start;
  },
  /** One keystroke in a rent box: the full analysis, the 11 × 11 sensitivity grid and the render. */
  async 'calculator keystroke to painted (mean of 20)'() {
    document.body.innerHTML = '<hk-deal-calculator no-url-state></hk-deal-calculator>';
    const calculator = document.querySelector('hk-deal-calculator') as HTMLElement & {
      updateComplete: Promise<boolean>;
    };
    await calculator.updateComplete;
    await painted();
    const box = calculator.shadowRoot?.querySelector<HTMLInputElement>('input[name="monthly_rent"]');
    if (!box) throw new Error('no rent box');
    const start = performance.now();
    for (let key = 0; key < 20; key++) {
      box.value = String(2000 + key);
      box.dispatchEvent(new Event('input'));
      await calculator.updateComplete;
      await painted();
    }
    return (performance.now() - start) / 20;
  },
  async 'heap: 10,000 deal objects alone (bytes)'() {
    gc();
    const before = heap();
    const rows = deals();
    gc();
    const used = heap() - before;
    return used + rows.length * 0;
  },
  async 'heap: board with 10,000 deals (bytes)'() {
    gc();
    const before = heap();
    const element = await provider('<hk-pipeline-board></hk-pipeline-board>');
    element.hk?.stores.opportunities.seed(deals());
    await element.querySelector('hk-pipeline-board')?.updateComplete;
    await painted();
    gc();
    return heap() - before;
  },
  async 'heap: 10,000 plain divs (bytes)'() {
    gc();
    const before = heap();
    const container = document.createElement('div');
    for (const deal of deals()) {
      const div = document.createElement('div');
      div.textContent = deal.property.address ?? '';
      container.append(div);
    }
    document.body.replaceChildren(container);
    await painted();
    gc();
    return heap() - before;
  },
};

Object.assign(window, { scenarios: Object.keys(scenarios), measure: (name: string) => scenarios[name]?.() });
