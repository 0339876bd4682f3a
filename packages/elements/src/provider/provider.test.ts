import { expect, fixture, html } from '@open-wc/testing';
import { createClient } from '@supabase/supabase-js';
import { makeDeal, StandIn, until } from '../../test/fixtures.js';
import '../pipeline-board/pipeline-board.define.js';
import type { HkPipelineBoard } from '../pipeline-board/pipeline-board.js';
import './provider.define.js';
import type { HkProvider } from './provider.js';

let api: StandIn;
const bearers = async () => (await api.log()).requests.map((request) => request.authorization);

describe('<hk-provider>', () => {
  beforeEach(() => {
    localStorage.clear();
    api = new StandIn();
  });

  it('gives its descendants one connection, signed in with its token', async () => {
    await api.seed({ opportunities: [makeDeal()] });
    const provider = await fixture<HkProvider>(html`
      <hk-provider base-url=${api.baseUrl} token="hk_session_abc">
        <div><hk-pipeline-board></hk-pipeline-board></div>
        <hk-pipeline-board></hk-pipeline-board>
      </hk-provider>
    `);
    const boards = [...provider.querySelectorAll('hk-pipeline-board')] as HkPipelineBoard[];
    await until(
      () => boards.every((board) => board.shadowRoot?.querySelector('[role="listitem"]')),
      'both boards filled',
    );
    await until(() => provider.hk?.$live.get() === 'open', 'the event stream');
    const log = await api.log();
    expect(new Set(log.requests.map((request) => request.authorization))).to.deep.equal(
      new Set(['Bearer hk_session_abc']),
    );
    expect(log.streams, 'one event stream for the page').to.equal(1);
  });

  it('follows a supabase-js session: sign-in, token refresh and sign-out', async () => {
    const name = api.baseUrl.split('/').at(-1);
    const supabase = createClient(`${location.origin}/supabase/${name}`, 'anon-key', {
      auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    });
    await api.seed({ opportunities: [makeDeal({ property: { address: 'Signed In St' } })] });
    const provider = await fixture<HkProvider>(html`
      <hk-provider base-url=${api.baseUrl} .supabase=${supabase}><hk-pipeline-board></hk-pipeline-board></hk-provider>
    `);
    const board = provider.querySelector('hk-pipeline-board') as HkPipelineBoard;
    const cards = () => board.shadowRoot?.querySelectorAll('[role="listitem"]').length ?? 0;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await bearers(), 'nothing is asked for before anyone signs in').to.deep.equal([]);

    const { data, error } = await supabase.auth.signInWithPassword({
      email: 'agent@example.com',
      password: 'correct horse',
    });
    expect(error).to.equal(null);
    const firstToken = data.session?.access_token;
    await until(() => cards() === 1, 'the deals of the signed-in user');
    expect(await bearers()).to.include(`Bearer ${firstToken}`);

    const refreshed = await supabase.auth.refreshSession();
    const secondToken = refreshed.data.session?.access_token;
    expect(secondToken).to.not.equal(firstToken);
    await until(() => provider.hk?.token === secondToken, 'the refreshed token');
    await provider.hk?.stores.opportunities.fetch();
    expect((await bearers()).at(-1)).to.equal(`Bearer ${secondToken}`);
    expect(cards(), 'a refresh keeps the board').to.equal(1);

    await supabase.auth.signOut();
    await until(() => cards() === 0, 'the board emptied on sign-out');
    expect(provider.hk?.token).to.equal(null);
    expect(provider.hk?.$live.get()).to.equal('off');
  });
});
