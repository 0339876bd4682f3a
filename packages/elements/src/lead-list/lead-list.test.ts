import type { Lead } from '@hidden-key/sdk/schemas';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { daysAgo, makeLead, StandIn, until, withLongSettle } from '../../test/fixtures.js';
import '../provider/provider.define.js';
import type { HkProvider } from '../provider/provider.js';
import './lead-list.define.js';
import type { HkLeadList } from './lead-list.js';

let api: StandIn;

async function renderList(leads: Lead[], lang = 'en') {
  await api.seed({ leads });
  const provider = await fixture<HkProvider>(html`
    <hk-provider base-url=${api.baseUrl} token="hk_session_test" lang=${lang}><hk-lead-list></hk-lead-list></hk-provider>
  `);
  const list = provider.querySelector('hk-lead-list') as HkLeadList;
  await until(() => rows(list).length >= Math.min(leads.length, 1), 'the rows');
  await until(() => provider.hk?.$live.get() === 'open', 'the event stream');
  return { provider, list };
}

const root = (list: HkLeadList) => list.shadowRoot as ShadowRoot;
const rows = (list: HkLeadList) => [...root(list).querySelectorAll<HTMLElement>('[role="listitem"]')];
const names = (list: HkLeadList) =>
  rows(list)
    .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)
    .map((row) => row.querySelector('[part="name"]')?.textContent);
const listRequests = async () =>
  (await api.log()).requests.filter((request) => request.method === 'GET' && request.path === '/v1/leads');
function choose(list: HkLeadList, label: string, value: string) {
  const field = [...root(list).querySelectorAll('label')]
    .find((item) => item.textContent?.includes(label))
    ?.querySelector('select, input') as HTMLSelectElement | HTMLInputElement;
  field.value = value;
  field.dispatchEvent(
    new Event(field instanceof HTMLInputElement && field.type === 'search' ? 'input' : 'change'),
  );
}

describe('<hk-lead-list>', () => {
  beforeEach(() => {
    localStorage.clear();
    api = new StandIn();
  });

  it('is accessible and lists priority first, then newest, by default', async () => {
    const { list } = await renderList([
      makeLead({
        contact: { name: 'Old urgent', email: null, phone: null },
        priority: 'urgent',
        created_at: daysAgo(5),
      }),
      makeLead({ contact: { name: 'New low', email: null, phone: null }, priority: 'low' }),
      makeLead({
        contact: { name: 'New urgent', email: null, phone: null },
        priority: 'urgent',
        created_at: daysAgo(1),
      }),
    ]);
    await until(() => rows(list).length === 3, 'three rows');
    await expect(list).to.be.accessible();
    expect(names(list)).to.deep.equal(['New urgent', 'Old urgent', 'New low']);
    const [first] = await listRequests();
    expect(new URLSearchParams(first?.search).get('sort')).to.equal('-priority');
  });

  it('filters by status, priority and source, searches on the server and sorts by column', async () => {
    const { list } = await renderList([
      makeLead({
        contact: { name: 'Grace Hopper', email: null, phone: null },
        status: 'contacted',
        score: 90,
      }),
      makeLead({ contact: { name: 'Alan Turing', email: null, phone: null }, score: 40 }),
    ]);
    choose(list, 'Status', 'contacted');
    await until(() => names(list).length === 1, 'the status filter');
    expect(names(list)).to.deep.equal(['Grace Hopper']);
    choose(list, 'Status', '');
    choose(list, 'Search', 'turing');
    await until(() => names(list).join() === 'Alan Turing', 'the search');
    choose(list, 'Search', '');
    choose(list, 'Sort by', '-score');
    await until(() => names(list).join() === 'Grace Hopper,Alan Turing', 'the score sort');
    const queries = (await listRequests()).map((request) =>
      Object.fromEntries(new URLSearchParams(request.search)),
    );
    expect(queries.some((query) => query.status === 'contacted')).to.equal(true);
    expect(queries.some((query) => query.q === 'turing')).to.equal(true);
    expect(queries.at(-1)?.sort).to.equal('-score');
  });

  it('changes a status inline and reports it', async () => {
    const lead = makeLead({ contact: { name: 'Inline', email: null, phone: null } });
    const { list } = await renderList([lead]);
    const select = root(list).querySelector('[part="status"]') as HTMLSelectElement;
    expect(select.getAttribute('aria-label')).to.equal('Status of Inline');
    const changed = oneEvent(list, 'hk-lead-status-changed');
    select.value = 'qualified';
    select.dispatchEvent(new Event('change'));
    const { detail } = await changed;
    expect(detail.previous).to.equal('new');
    expect(detail.lead.status).to.equal('qualified');
    const patch = (await api.log()).requests.find((request) => request.method === 'PATCH');
    expect(patch?.body).to.deep.equal({ status: 'qualified' });
  });

  it('puts a refused status change back and says why', async () => {
    const { list } = await renderList([makeLead({ contact: { name: 'Refused', email: null, phone: null } })]);
    await api.refuse(1, 'This session is read-only');
    const select = root(list).querySelector('[part="status"]') as HTMLSelectElement;
    select.value = 'lost';
    select.dispatchEvent(new Event('change'));
    await until(() => root(list).querySelector('[part="notice"]'), 'the notice');
    expect(root(list).querySelector('[role="alert"]')?.textContent).to.contain('This session is read-only');
    await list.updateComplete;
    expect((root(list).querySelector('[part="status"]') as HTMLSelectElement).value).to.equal('new');
  });

  it('applies leads created, changed and deleted elsewhere, live', async () => {
    const existing = makeLead({ contact: { name: 'Existing', email: null, phone: null }, priority: 'low' });
    const { list } = await renderList([existing]);
    await api.external({
      lead: makeLead({ contact: { name: 'Arrived', email: null, phone: null }, priority: 'high' }),
    });
    await until(() => names(list).join() === 'Arrived,Existing', 'the new lead at its place');
    await api.external({
      lead: {
        ...existing,
        contact: { ...existing.contact, name: 'Renamed' },
        updated_at: new Date().toISOString(),
      },
    });
    await until(() => names(list).includes('Renamed'), 'the change');
    await api.external({ deleteLead: existing.id });
    await until(() => names(list).join() === 'Arrived', 'the deletion');
  });

  it('keeps focus on a lead that leads arriving above push out of the rendered rows', async () => {
    const { list } = await renderList([
      makeLead({ contact: { name: 'Focused', email: null, phone: null }, priority: 'low' }),
    ]);
    const focused = root(list).querySelector<HTMLElement>('[part="name"]')!;
    focused.focus();
    for (let index = 0; index < 60; index++) {
      await api.external({
        lead: makeLead({ contact: { name: `Arrived ${index}`, email: null, phone: null }, priority: 'high' }),
      });
    }
    // 60 rows above it take it past the rendered window (the rows in view and 16 beyond): it is
    // scrolled back into view, still focused.
    const scroller = root(list).querySelector('.rows') as HTMLElement;
    await until(
      () => scroller.scrollTop > 0 && root(list).activeElement?.textContent === 'Focused',
      'the focused lead below the arrivals, focused',
    );
    expect(names(list)).to.include('Arrived 0');
  });

  it('fires hk-lead-selected and renders lead text as text', async () => {
    const { list } = await renderList([
      makeLead({ contact: { name: '<img src=x onerror=alert(1)>', email: null, phone: null } }),
    ]);
    expect(root(list).querySelector('img')).to.equal(null);
    const name = root(list).querySelector('[part="name"]') as HTMLButtonElement;
    expect(name.textContent).to.equal('<img src=x onerror=alert(1)>');
    const selected = oneEvent(list, 'hk-lead-selected');
    name.click();
    expect((await selected).detail.lead.contact.name).to.equal('<img src=x onerror=alert(1)>');
  });

  it('loads further pages as it scrolls, rendering only the rows in view', async () => {
    const leads = Array.from({ length: 350 }, (_, index) =>
      makeLead({
        created_at: daysAgo(index / 100),
        contact: { name: `Lead ${index}`, email: null, phone: null },
      }),
    );
    const { list } = await renderList(leads);
    const scroller = root(list).querySelector('.rows') as HTMLElement;
    for (let round = 0; round < 10 && (await listRequests()).length < 4; round++) {
      scroller.scrollTop = scroller.scrollHeight;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await until(async () => (await listRequests()).length === 4, 'four pages');
    expect(rows(list).length).to.be.lessThan(80);
  });

  it('scrolls 100,000 leads with a few dozen rows in the DOM', async () => {
    const provider = await fixture<HkProvider>(
      html`<hk-provider base-url=${api.baseUrl}><hk-lead-list></hk-lead-list></hk-provider>`,
    );
    const list = provider.querySelector('hk-lead-list') as HkLeadList;
    const start = Date.parse('2026-01-01T00:00:00Z');
    provider.hk?.stores.leads.seed(
      Array.from({ length: 100_000 }, (_, index) =>
        makeLead({
          created_at: new Date(start - index * 60_000).toISOString(),
          contact: { name: `Lead ${index}`, email: null, phone: null },
        }),
      ),
    );
    await until(() => rows(list).length > 0, 'the rows');
    expect(root(list).querySelector('.summary')?.textContent).to.contain('100000');
    const scroller = root(list).querySelector('.rows') as HTMLElement;
    scroller.scrollTop = scroller.scrollHeight;
    await until(() => names(list).includes('Lead 99999'), 'the last lead');
    expect(rows(list).length).to.be.lessThan(80);
  });

  it('works alone, from its own base-url and token', async () => {
    await api.seed({ leads: [makeLead({ contact: { name: 'Standalone', email: null, phone: null } })] });
    const list = await fixture<HkLeadList>(
      html`<hk-lead-list base-url=${api.baseUrl} token="hk_session_alone"></hk-lead-list>`,
    );
    await until(() => names(list).join() === 'Standalone', 'the row');
    expect((await listRequests())[0]?.authorization).to.equal('Bearer hk_session_alone');
  });

  it('speaks Spanish', async () => {
    const { list } = await renderList(
      [makeLead({ contact: { name: 'Ana', email: null, phone: null } })],
      'es',
    );
    expect(root(list).querySelector('[part="status"]')?.getAttribute('aria-label')).to.equal('Estado de Ana');
  });

  it('saves a status chosen with the arrow keys once, when the person settles on it', () =>
    withLongSettle(async () => {
      const lead = makeLead({ contact: { name: 'Arrowed', email: null, phone: null }, status: 'qualified' });
      const { list } = await renderList([lead]);
      const select = root(list).querySelector('[part="status"]') as HTMLSelectElement;
      select.focus();
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'ArrowDown' });
      expect(select.value).to.equal('lost');
      const changed = oneEvent(list, 'hk-lead-status-changed');
      await sendKeys({ press: 'Tab' });
      expect((await changed).detail.lead.status).to.equal('lost');
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const patches = (await api.log()).requests.filter((request) => request.method === 'PATCH');
      expect(patches.map((patch) => patch.body)).to.deep.equal([{ status: 'lost' }]);
    }));

  it('is one Tab stop however many leads it shows, with the arrow keys moving between them', async () => {
    const leads = Array.from({ length: 161 }, (_, index) =>
      makeLead({
        created_at: daysAgo(index / 100),
        contact: { name: `Lead ${index}`, email: null, phone: null },
      }),
    );
    await api.seed({ leads });
    const page = await fixture<HTMLElement>(html`<div>
      <hk-provider base-url=${api.baseUrl} token="hk_session_test"><hk-lead-list></hk-lead-list></hk-provider>
      <button id="after">After the list</button>
    </div>`);
    const list = page.querySelector('hk-lead-list') as HkLeadList;
    await until(() => rows(list).length > 20, 'the rows');
    const first = root(list).querySelector<HTMLElement>('[part="name"]')!;
    expect(first.textContent).to.equal('Lead 0');
    first.focus();
    await sendKeys({ press: 'ArrowDown' });
    await until(() => root(list).activeElement?.textContent === 'Lead 1', 'the next lead focused');
    await sendKeys({ press: 'End' });
    // End reaches the last lead loaded so far (a page of them), scrolled into view.
    await until(
      () => Number(root(list).activeElement?.textContent?.replace('Lead ', '')) > 40,
      'the last loaded lead focused',
    );
    let presses = 0;
    while (document.activeElement?.id !== 'after' && presses < 20) {
      await sendKeys({ press: 'Tab' });
      presses++;
    }
    expect(presses).to.be.at.most(2);
  });

  it('names sources and writes phone numbers as people read them', async () => {
    const { list } = await renderList([
      makeLead({ source: 'web_form', contact: { name: 'Caller', email: null, phone: '+15125550123' } }),
    ]);
    expect(root(list).querySelector('.source')?.textContent).to.equal('Web form');
    expect(root(list).querySelector('.contact')?.textContent).to.contain('(512) 555-0123');
  });

  it('fits a 390 px phone', async () => {
    await setViewport({ width: 390, height: 844 });
    try {
      const { list } = await renderList([
        makeLead({
          contact: { name: 'Narrow', email: 'narrow@example.com', phone: '+15125550123' },
          score: 54.311,
        }),
      ]);
      await list.updateComplete;
      expect(document.documentElement.scrollWidth).to.be.at.most(390);
      expect(list.scrollWidth).to.be.at.most(list.clientWidth);
      await expect(list).to.be.accessible();
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('asks to sign in again on a refused session instead of saying no leads match', async () => {
    const list = await fixture<HkLeadList>(
      html`<hk-lead-list base-url=${api.baseUrl} token="signed-out"></hk-lead-list>`,
    );
    await until(() => root(list).querySelector('[part="notice"]'), 'the notice');
    expect(root(list).querySelector('[part="notice"]')?.textContent).to.contain('sign in again');
    expect(root(list).querySelector('.summary')?.textContent?.trim()).to.equal('Leads not loaded.');
    expect(root(list).querySelector('[part="notice"] button')?.textContent).to.equal('Try again');
  });
});
