import { expect } from '@open-wc/testing';
import { daysAgo, makeDeal, makeLead, StandIn, until } from '../../test/fixtures.js';
import { Connection } from '../connection.js';
import { createCollection } from './collection.js';
import { RECENT_LEADS_KEPT } from './recent-leads-cache.js';

describe('stores', () => {
  describe('collection', () => {
    it('keeps the newest version of a row and ignores stale ones', () => {
      const rows = createCollection<{ id: string; updated_at: string; name: string }>();
      rows.confirm([{ id: 'a', updated_at: '2026-01-02T00:00:00Z', name: 'new' }]);
      rows.confirm([{ id: 'a', updated_at: '2026-01-01T00:00:00Z', name: 'old' }]);
      expect(rows.$rows.get().get('a')?.name).to.equal('new');
    });

    it('drops a rolled-back overlay but keeps what the server said meanwhile', () => {
      const rows = createCollection<{ id: string; updated_at: string; name: string }>();
      rows.confirm([{ id: 'a', updated_at: '1', name: 'server' }]);
      const rollback = rows.overlay('a', { id: 'a', updated_at: '1', name: 'mine' });
      expect(rows.$rows.get().get('a')?.name).to.equal('mine');
      rows.confirm([{ id: 'a', updated_at: '2', name: 'someone else' }]);
      expect(rows.$rows.get().get('a')?.name, 'the pending change stays on top').to.equal('mine');
      rollback();
      expect(rows.$rows.get().get('a')?.name).to.equal('someone else');
    });

    it('does not bring a deleted row back from a late version', () => {
      const rows = createCollection<{ id: string; updated_at: string }>();
      rows.confirm([{ id: 'a', updated_at: '1' }]);
      rows.forget('a');
      rows.confirm([{ id: 'a', updated_at: '2' }]);
      expect(rows.$rows.get().has('a')).to.equal(false);
    });
  });

  describe('against the API stand-in', () => {
    let api: StandIn;
    let connection: Connection;

    beforeEach(() => {
      localStorage.clear();
      api = new StandIn();
      connection = new Connection(api.baseUrl, 'hk_session_test');
    });
    afterEach(() => connection.stopLive());

    it('groups deals by stage in position order and weights nothing by itself', async () => {
      const first = makeDeal({ position: 1 });
      const second = makeDeal({ position: 2 });
      const won = makeDeal({ stage: 'won', position: 0 });
      await api.seed({ opportunities: [second, won, first] });
      await connection.stores.opportunities.fetch();
      const byStage = connection.stores.opportunities.$opportunitiesByStage.get();
      expect(byStage.prospecting.map((deal) => deal.id)).to.deep.equal([first.id, second.id]);
      expect(byStage.won.map((deal) => deal.id)).to.deep.equal([won.id]);
      expect(byStage.closing).to.deep.equal([]);
    });

    it('moves a deal at once, between its new neighbours, and keeps the server answer', async () => {
      const [a, b, c] = [0, 1, 2].map((position) => makeDeal({ position, stage: 'qualified' }));
      const moving = makeDeal({ position: 0 });
      await api.seed({ opportunities: [a!, b!, c!, moving] });
      const store = connection.stores.opportunities;
      await store.fetch();
      const answer = store.move(moving.id, { stage: 'qualified', after_id: a!.id, before_id: b!.id });
      const optimistic = store.$opportunities.get().get(moving.id);
      expect(optimistic?.stage).to.equal('qualified');
      expect(optimistic?.position).to.equal(0.5);
      const moved = await answer;
      expect(moved.position).to.equal(0.5);
      expect(store.$opportunitiesByStage.get().qualified.map((deal) => deal.id)).to.deep.equal([
        a!.id,
        moving.id,
        b!.id,
        c!.id,
      ]);
      const [request] = (await api.log()).requests.filter((entry) => entry.path.endsWith('/move'));
      expect(request?.body).to.deep.equal({ stage: 'qualified', after_id: a!.id, before_id: b!.id });
    });

    it('rolls a refused move back and rethrows', async () => {
      const deal = makeDeal();
      await api.seed({ opportunities: [deal] });
      const store = connection.stores.opportunities;
      await store.fetch();
      await api.refuse(1, 'Deal is locked');
      let refused: unknown;
      await store.move(deal.id, { stage: 'closing' }).catch((error) => {
        refused = error;
      });
      expect(String(refused)).to.contain('Deal is locked');
      expect(store.$opportunities.get().get(deal.id)?.stage).to.equal('prospecting');
    });

    it('applies events from the stream, and resumes after a dropped connection without a gap', async () => {
      const deal = makeDeal();
      await api.seed({ opportunities: [deal] });
      const store = connection.stores.opportunities;
      await store.fetch();
      connection.startLive();
      await until(() => connection.$live.get() === 'open', 'the event stream');
      await api.external({ move: { id: deal.id, stage: 'proposal' } });
      await until(() => store.$opportunities.get().get(deal.id)?.stage === 'proposal', 'the first move');
      await api.dropStreams();
      // Written while no stream is open: the client must ask for it with Last-Event-ID.
      await api.external({ move: { id: deal.id, stage: 'closing' } });
      await until(
        () => store.$opportunities.get().get(deal.id)?.stage === 'closing',
        'the move made while disconnected',
      );
      const streams = (await api.log()).requests.filter((request) => request.path === '/v1/events');
      expect(streams.length).to.be.greaterThan(1);
    });

    it('computes leads by status and the high-priority view', async () => {
      const urgent = makeLead({ priority: 'urgent', status: 'contacted', created_at: daysAgo(3) });
      const high = makeLead({ priority: 'high', created_at: daysAgo(1) });
      const low = makeLead({ priority: 'low' });
      await api.seed({ leads: [urgent, high, low] });
      await connection.stores.leads.fetch();
      const byStatus = connection.stores.leads.$leadsByStatus.get();
      expect(byStatus.new.map((lead) => lead.id)).to.deep.equal([high.id, low.id]);
      expect(byStatus.contacted.map((lead) => lead.id)).to.deep.equal([urgent.id]);
      expect(connection.stores.leads.$highPriorityLeads.get().map((lead) => lead.id)).to.deep.equal([
        urgent.id,
        high.id,
      ]);
    });

    it(`keeps the ${RECENT_LEADS_KEPT} newest leads locally, so a reopened portal has them at once`, async () => {
      const leads = Array.from({ length: 60 }, (_, index) => makeLead({ created_at: daysAgo(index) }));
      await api.seed({ leads });
      await connection.stores.leads.fetch({ limit: 100 });
      await until(() => localStorage.getItem(`hk-recent-leads:${api.baseUrl}`), 'the local copy');
      const reopened = new Connection(api.baseUrl, 'hk_session_test');
      const kept = [...reopened.stores.leads.$leads.get().keys()];
      expect(kept).to.have.length(RECENT_LEADS_KEPT);
      expect(new Set(kept)).to.deep.equal(new Set(leads.slice(0, RECENT_LEADS_KEPT).map((lead) => lead.id)));
      reopened.stores.clear();
      expect(localStorage.getItem(`hk-recent-leads:${api.baseUrl}`)).to.equal(null);
    });

    it('creates, lists and deletes investors', async () => {
      const store = connection.stores.investors;
      const created = await store.create({
        name: 'Cash Buyer LLC',
        buy_box: { markets: ['Austin'], deal_types: ['fix_and_flip'] },
      });
      expect(store.$investors.get().get(created.id)?.buy_box.markets).to.deep.equal(['Austin']);
      const other = new Connection(api.baseUrl, 'hk_session_test');
      await other.stores.investors.fetch();
      expect([...other.stores.investors.$investors.get().keys()]).to.deep.equal([created.id]);
      await store.delete(created.id);
      expect(store.$investors.get().has(created.id)).to.equal(false);
      expect((await api.log()).requests.at(-1)).to.include({
        method: 'DELETE',
        path: `/v1/investors/${created.id}`,
      });
    });

    it('changes a lead optimistically and rolls it back when refused', async () => {
      const lead = makeLead();
      await api.seed({ leads: [lead] });
      const store = connection.stores.leads;
      await store.fetch();
      const updated = await store.update(lead.id, { status: 'contacted' });
      expect(updated.status).to.equal('contacted');
      await api.refuse(1, 'Read-only session');
      const refused = store.update(lead.id, { status: 'lost' });
      expect(store.$leads.get().get(lead.id)?.status, 'shown at once').to.equal('lost');
      await refused.catch(() => undefined);
      expect(store.$leads.get().get(lead.id)?.status).to.equal('contacted');
    });
  });
});
