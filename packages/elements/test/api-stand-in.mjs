import { randomUUID } from 'node:crypto';
import { LEAD_PRIORITY_RANK } from '@hidden-key/sdk/schemas/lists';

/**
 * A stand-in of the Hidden Key API (leads, opportunities with fractional moves, and the SSE event
 * stream with Last-Event-ID) and of Supabase Auth, served by web-test-runner's dev server so the
 * component tests talk real HTTP. Each test uses its own namespace `ns`:
 *
 *   {ns} = /api/<name>          API base URL: /v1/leads, /v1/opportunities, /v1/investors, /v1/activities, /v1/events
 *   POST {ns}/__seed            { leads?, opportunities?, activities?, sequences?, enrollments?,
 *                               enrichments?: { [lead_id]: { [provider]: result } },
 *                               automations?: { [lead_id]: steps } } rows to hold (a lead with
 *                               steps has the automation enabled);
 *                               an enrichment job (POST /v1/leads/{id}/enrich) is `running` on its
 *                               first GET /v1/jobs/{id}, then `succeeded` with the seeded result
 *                               written to the lead's `enrichment`
 *   AI routes                   POST /v1/activities/{id}/send (a pending SMS draft; 422 without
 *                               consent), POST /v1/ai/content (template drafts saved as pending activities;
 *                               422 for an SMS draft without consent), POST /v1/ai/analyze-deal,
 *                               GET /v1/leads/{id}/automation, GET /v1/sequences, GET /v1/leads/{id}/sequences,
 *                               POST /v1/sequences/{id}/enrollments, POST /v1/sequence-enrollments/{id}/stop
 *   POST {ns}/__refuse          { count, status?, message?, proxy? }: the next `count` writes are refused
 *                               (`proxy`: as a proxy in front would, in plain text, not the envelope)
 *   POST {ns}/__external        { move: { id, stage, after_id?, before_id? } } | { lead } | { deleteLead }:
 *                               a change by another user, streamed as an event
 *   POST {ns}/__drop-streams    closes every open event stream (the client must resume)
 *   GET  {ns}/__log             { requests: [{ method, path, search, authorization, body }], streams }
 *   /supabase/<name>/auth/v1/*  token (password, refresh_token), user, logout
 */
const apiRoute = /^\/api\/([\w-]+)(\/.*)$/;
const authRoute = /^\/supabase\/([\w-]+)\/auth\/v1\/(token|user|logout)$/;

const newestFirst = (a, b) =>
  a.created_at === b.created_at ? (a.id < b.id ? 1 : -1) : a.created_at < b.created_at ? 1 : -1;
const LEAD_ORDER = {
  '-created_at': newestFirst,
  created_at: (a, b) => -newestFirst(a, b),
  '-updated_at': (a, b) =>
    a.updated_at === b.updated_at ? newestFirst(a, b) : a.updated_at < b.updated_at ? 1 : -1,
  '-priority': (a, b) => LEAD_PRIORITY_RANK[b.priority] - LEAD_PRIORITY_RANK[a.priority] || newestFirst(a, b),
  '-score': (a, b) => (b.score ?? -1) - (a.score ?? -1) || newestFirst(a, b),
};

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      resolve(text ? JSON.parse(text) : undefined);
    });
    req.on('error', reject);
  });
}

function send(ctx, status, body) {
  ctx.status = status;
  ctx.type = 'application/json';
  ctx.body = JSON.stringify(body);
}

const ok = (ctx, status, data) =>
  send(ctx, status, { success: true, data, timestamp: new Date().toISOString() });
const fail = (ctx, status, code, error) =>
  send(ctx, status, {
    success: false,
    error,
    code,
    request_id: randomUUID(),
    timestamp: new Date().toISOString(),
  });

function page(ctx, rows) {
  const limit = Math.min(100, Number(ctx.query.limit ?? 25));
  const start = Number(ctx.query.cursor ?? 0);
  const items = rows.slice(start, start + limit);
  ok(ctx, 200, { items, next_cursor: start + limit < rows.length ? String(start + limit) : null });
}

function positionBetween(above, below) {
  if (above !== undefined && below !== undefined) return (above + below) / 2;
  if (above !== undefined) return above + 1;
  if (below !== undefined) return below - 1;
  return 0;
}

function jwt(payload) {
  const part = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part(payload)}.stand-in-signature`;
}

export function apiStandIn() {
  const namespaces = new Map();
  const namespace = (name) => {
    if (!namespaces.has(name))
      namespaces.set(name, {
        leads: new Map(),
        deals: new Map(),
        investors: new Map(),
        activities: [],
        sequences: [],
        enrollments: [],
        enrichments: new Map(),
        automations: new Map(),
        jobs: new Map(),
        events: [],
        streams: new Set(),
        refusals: [],
        requests: [],
        lastTime: 0,
        sessions: 0,
      });
    return namespaces.get(name);
  };

  /** Strictly increasing timestamps, so "newer" is never a tie. */
  const now = (state) => {
    state.lastTime = Math.max(Date.now(), state.lastTime + 1);
    return new Date(state.lastTime).toISOString();
  };

  const emit = (state, type, row) => {
    const event = {
      id: String(state.events.length + 1),
      type,
      resource_id: row.id,
      data: type.endsWith('.deleted') ? { id: row.id } : row,
      created_at: now(state),
    };
    state.events.push(event);
    for (const res of state.streams)
      res.write(`id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
  };

  const moveDeal = (state, deal, body) => {
    const column = [...state.deals.values()]
      .filter((other) => other.stage === body.stage && other.id !== deal.id)
      .sort((a, b) => a.position - b.position);
    const above = body.after_id ? state.deals.get(body.after_id)?.position : undefined;
    const below = body.before_id ? state.deals.get(body.before_id)?.position : undefined;
    const position =
      above === undefined && below === undefined
        ? positionBetween(column.at(-1)?.position, undefined)
        : positionBetween(above, below);
    const time = now(state);
    const moved = {
      ...deal,
      stage: body.stage,
      position,
      stage_changed_at: body.stage === deal.stage ? deal.stage_changed_at : time,
      updated_at: time,
    };
    state.deals.set(deal.id, moved);
    emit(state, 'opportunity.moved', moved);
    return moved;
  };

  const openStream = (ctx, state) => {
    ctx.respond = false;
    const res = ctx.res;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.write('retry: 200\n\n');
    const last = Number(ctx.get('last-event-id') || 0);
    if (last)
      for (const event of state.events.slice(last))
        res.write(`id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    state.streams.add(res);
    ctx.req.on('close', () => state.streams.delete(res));
  };

  const api = async (ctx, state, path) => {
    const body = ['POST', 'PATCH'].includes(ctx.method) ? await readBody(ctx.req) : undefined;
    if (!path.startsWith('/__'))
      state.requests.push({
        method: ctx.method,
        path,
        search: ctx.querystring,
        authorization: ctx.get('authorization'),
        body,
      });

    if (path === '/__seed') {
      for (const lead of body.leads ?? []) state.leads.set(lead.id, lead);
      for (const deal of body.opportunities ?? []) state.deals.set(deal.id, deal);
      state.activities.push(...(body.activities ?? []));
      state.sequences.push(...(body.sequences ?? []));
      state.enrollments.push(...(body.enrollments ?? []));
      for (const [leadId, steps] of Object.entries(body.automations ?? {}))
        state.automations.set(leadId, steps);
      for (const [leadId, result] of Object.entries(body.enrichments ?? {}))
        state.enrichments.set(leadId, result);
      return ok(ctx, 200, { leads: state.leads.size, opportunities: state.deals.size });
    }
    if (path === '/__refuse') {
      for (let i = 0; i < body.count; i++)
        state.refusals.push({
          status: body.status ?? 409,
          message: body.message ?? 'Someone else changed this deal',
          proxy: body.proxy === true,
        });
      return ok(ctx, 200, {});
    }
    if (path === '/__external') {
      if (body.move) return ok(ctx, 200, moveDeal(state, state.deals.get(body.move.id), body.move));
      if (body.lead) {
        const created = !state.leads.has(body.lead.id);
        state.leads.set(body.lead.id, body.lead);
        emit(state, created ? 'lead.created' : 'lead.updated', body.lead);
        return ok(ctx, 200, body.lead);
      }
      if (body.deleteLead) {
        state.leads.delete(body.deleteLead);
        emit(state, 'lead.deleted', { id: body.deleteLead });
        return ok(ctx, 200, {});
      }
    }
    if (path === '/__drop-streams') {
      for (const res of state.streams) res.destroy();
      state.streams.clear();
      return ok(ctx, 200, {});
    }
    if (path === '/__log') return ok(ctx, 200, { requests: state.requests, streams: state.streams.size });

    if (!ctx.get('authorization').startsWith('Bearer ') || ctx.get('authorization') === 'Bearer signed-out')
      return fail(ctx, 401, 'unauthorized', 'A bearer token is required');
    if (path === '/v1/events' && ctx.method === 'GET') return openStream(ctx, state);
    if (ctx.method !== 'GET' && state.refusals.length) {
      const refusal = state.refusals.shift();
      if (refusal.proxy) {
        ctx.status = refusal.status;
        ctx.type = 'text/plain';
        ctx.body = refusal.message;
        return;
      }
      return fail(ctx, refusal.status, 'conflict', refusal.message);
    }

    if (path === '/v1/leads' && ctx.method === 'GET') {
      const { status, source, priority, q, sort = '-created_at' } = ctx.query;
      const needle = q?.toLowerCase();
      const rows = [...state.leads.values()]
        .filter(
          (lead) =>
            (!status || lead.status === status) &&
            (!source || lead.source === source) &&
            (!priority || lead.priority === priority) &&
            (!needle ||
              [lead.contact.name, lead.contact.email, lead.property.address].some((field) =>
                field?.toLowerCase().includes(needle),
              )),
        )
        .sort(LEAD_ORDER[sort]);
      return page(ctx, rows);
    }
    const lead = /^\/v1\/leads\/([\w-]+)$/.exec(path);
    if (lead) {
      const held = state.leads.get(lead[1]);
      if (!held) return fail(ctx, 404, 'not_found', 'No such lead');
      if (ctx.method === 'PATCH') {
        const updated = { ...held, ...body, updated_at: now(state) };
        state.leads.set(held.id, updated);
        emit(state, 'lead.updated', updated);
        return ok(ctx, 200, updated);
      }
      if (ctx.method === 'DELETE') {
        state.leads.delete(held.id);
        emit(state, 'lead.deleted', held);
        return ok(ctx, 200, { id: held.id, deleted: true });
      }
      return ok(ctx, 200, held);
    }
    if (path === '/v1/investors' && ctx.method === 'GET') return page(ctx, [...state.investors.values()]);
    if (path === '/v1/investors' && ctx.method === 'POST') {
      const time = now(state);
      const investor = {
        id: randomUUID(),
        organization_id: '00000000-0000-4000-8000-000000000001',
        name: body.name,
        company: body.company ?? null,
        contact: { email: body.contact?.email ?? null, phone: body.contact?.phone ?? null },
        buy_box: { markets: [], deal_types: [], min_price: null, max_price: null, ...body.buy_box },
        notes: body.notes ?? null,
        tags: body.tags ?? [],
        created_at: time,
        updated_at: time,
      };
      state.investors.set(investor.id, investor);
      return ok(ctx, 201, investor);
    }
    const investor = /^\/v1\/investors\/([\w-]+)$/.exec(path);
    if (investor && ctx.method === 'DELETE') {
      if (!state.investors.delete(investor[1])) return fail(ctx, 404, 'not_found', 'No such investor');
      return ok(ctx, 200, { id: investor[1], deleted: true });
    }
    if (path === '/v1/opportunities' && ctx.method === 'GET') {
      const rows = [...state.deals.values()].sort(
        (a, b) => a.position - b.position || (a.id < b.id ? -1 : 1),
      );
      return page(ctx, rows);
    }
    if (path === '/v1/opportunities' && ctx.method === 'POST') {
      const time = now(state);
      const column = [...state.deals.values()].filter((deal) => deal.stage === (body.stage ?? 'prospecting'));
      const deal = {
        id: randomUUID(),
        organization_id: '00000000-0000-4000-8000-000000000001',
        lead_id: body.lead_id ?? null,
        title: body.title ?? null,
        stage: body.stage ?? 'prospecting',
        deal_type: body.deal_type ?? 'wholesale',
        property_value: body.property_value ?? null,
        offer_amount: body.offer_amount ?? null,
        estimated_profit: body.estimated_profit ?? null,
        property: body.property ?? {},
        analysis: body.analysis ?? null,
        close_date: body.close_date ?? null,
        position: Math.max(0, ...column.map((other) => other.position)) + 1,
        stage_changed_at: time,
        closed_at: null,
        created_at: time,
        updated_at: time,
      };
      state.deals.set(deal.id, deal);
      emit(state, 'opportunity.created', deal);
      return ok(ctx, 201, deal);
    }
    const opportunity = /^\/v1\/opportunities\/([\w-]+)$/.exec(path);
    if (opportunity && ctx.method === 'GET') {
      const held = state.deals.get(opportunity[1]);
      return held ? ok(ctx, 200, held) : fail(ctx, 404, 'not_found', 'No such deal');
    }
    if (path === '/v1/activities' && ctx.method === 'GET') {
      const { lead_id, opportunity_id } = ctx.query;
      return page(
        ctx,
        state.activities.filter(
          (activity) =>
            (!lead_id || activity.lead_id === lead_id) &&
            (!opportunity_id || activity.opportunity_id === opportunity_id),
        ),
      );
    }
    if (path === '/v1/activities' && ctx.method === 'POST') {
      const time = now(state);
      const activity = {
        id: randomUUID(),
        organization_id: '00000000-0000-4000-8000-000000000001',
        type: body.type,
        status: body.status ?? 'pending',
        subject: body.subject ?? null,
        description: body.description ?? null,
        metadata: body.metadata ?? {},
        scheduled_at: body.scheduled_at ?? null,
        completed_at: body.completed_at ?? null,
        assigned_to: null,
        lead_id: body.lead_id ?? null,
        opportunity_id: body.opportunity_id ?? null,
        created_at: time,
        updated_at: time,
      };
      state.activities.push(activity);
      return ok(ctx, 201, activity);
    }
    const activity = /^\/v1\/activities\/([\w-]+)$/.exec(path);
    if (activity && ctx.method === 'PATCH') {
      const held = state.activities.find((row) => row.id === activity[1]);
      if (!held) return fail(ctx, 404, 'not_found', 'No such activity');
      Object.assign(held, body, { updated_at: now(state) });
      return ok(ctx, 200, held);
    }
    const send = /^\/v1\/activities\/([\w-]+)\/send$/.exec(path);
    if (send && ctx.method === 'POST') {
      const draft = state.activities.find((row) => row.id === send[1]);
      if (!draft) return fail(ctx, 404, 'not_found', 'No such activity');
      if (draft.type !== 'sms' || draft.status !== 'pending')
        return fail(ctx, 409, 'conflict', 'Only a pending SMS draft of a lead can be sent');
      if (!state.leads.get(draft.lead_id)?.consent)
        return fail(
          ctx,
          422,
          'unprocessable',
          'This lead has no recorded consent to be texted (TCPA): no SMS is sent',
        );
      const time = now(state);
      const sent = {
        ...draft,
        id: randomUUID(),
        status: 'completed',
        completed_at: time,
        created_at: time,
        updated_at: time,
        metadata: { direction: 'outbound', provider: 'outbox', draft_activity_id: draft.id },
      };
      state.activities.push(sent);
      Object.assign(draft, {
        status: 'cancelled',
        metadata: { ...draft.metadata, sent_as: sent.id },
        updated_at: time,
      });
      return ok(ctx, 200, sent);
    }
    if (aiRoute(ctx, state, path, body) !== NOT_AN_AI_ROUTE) return;
    const move = /^\/v1\/opportunities\/([\w-]+)\/move$/.exec(path);
    if (move && ctx.method === 'POST') {
      const held = state.deals.get(move[1]);
      if (!held) return fail(ctx, 404, 'not_found', 'No such deal');
      return ok(ctx, 200, moveDeal(state, held, body));
    }
    return fail(ctx, 404, 'not_found', `No route ${ctx.method} ${path}`);
  };

  /** What `aiRoute` answers for a path it does not serve (it answers nothing for one it served). */
  const NOT_AN_AI_ROUTE = Symbol('not an AI route');

  /** The AI agents' routes, answering as the server does without an OpenAI key (`source: "template"`). */
  const aiRoute = (ctx, state, path, body) => {
    if (path === '/v1/ai/content' && ctx.method === 'POST') {
      const lead = state.leads.get(body.lead_id);
      if (!lead) return fail(ctx, 404, 'not_found', 'No such lead');
      if (body.kind === 'follow_up_sms' && !lead.consent)
        return fail(
          ctx,
          422,
          'unprocessable',
          'This lead has not consented to SMS (or opted out): no SMS draft is written',
        );
      const type = body.kind === 'follow_up_sms' ? 'sms' : 'email';
      const drafts = [1, 2].map((n) => {
        const time = now(state);
        const row = {
          id: randomUUID(),
          organization_id: '00000000-0000-4000-8000-000000000001',
          type,
          status: 'pending',
          subject: type === 'email' ? `About your property (${n})` : null,
          description: `Hi ${lead.contact.name ?? ''}, draft ${n} about ${lead.property.address ?? 'your home'}.`,
          metadata: { ai_draft: { kind: body.kind, tone: 'friendly', language: 'en', source: 'template' } },
          scheduled_at: null,
          completed_at: null,
          assigned_to: null,
          lead_id: lead.id,
          opportunity_id: null,
          created_at: time,
          updated_at: time,
        };
        state.activities.push(row);
        return {
          ...(row.subject ? { subject: row.subject } : {}),
          body: row.description,
          activity_id: row.id,
        };
      });
      return ok(ctx, 201, { drafts, source: 'template' });
    }
    const enrich = /^\/v1\/leads\/([\w-]+)\/enrich$/.exec(path);
    if (enrich && ctx.method === 'POST') {
      if (!state.leads.has(enrich[1])) return fail(ctx, 404, 'not_found', 'No such lead');
      const job = {
        id: randomUUID(),
        name: 'lead.enrich',
        state: 'queued',
        attempts: 0,
        max_attempts: 5,
        last_error: null,
        result: null,
        lead_id: enrich[1],
        created_at: now(state),
      };
      state.jobs.set(job.id, job);
      return ok(ctx, 202, job);
    }
    const job = /^\/v1\/jobs\/([\w-]+)$/.exec(path);
    if (job && ctx.method === 'GET') {
      const held = state.jobs.get(job[1]);
      if (!held) return fail(ctx, 404, 'not_found', 'No such job');
      if (held.state === 'queued') held.state = 'running';
      else if (held.state === 'running') {
        const lead = state.leads.get(held.lead_id);
        const found = state.enrichments.get(held.lead_id);
        if (lead && found) {
          lead.enrichment = { ...lead.enrichment, ...found };
          lead.updated_at = now(state);
          Object.assign(held, { state: 'succeeded', attempts: 1, result: { providers: Object.keys(found) } });
        } else Object.assign(held, { state: 'dead', attempts: 5, last_error: 'No provider answered' });
      }
      return ok(ctx, 200, held);
    }
    const automation = /^\/v1\/leads\/([\w-]+)\/automation$/.exec(path);
    if (automation && ctx.method === 'GET') {
      const steps = state.automations.get(automation[1]);
      return ok(ctx, 200, { lead_id: automation[1], enabled: Boolean(steps), steps: steps ?? [] });
    }
    if (path === '/v1/sequences' && ctx.method === 'GET') return page(ctx, state.sequences);
    const ofLead = /^\/v1\/leads\/([\w-]+)\/sequences$/.exec(path);
    if (ofLead && ctx.method === 'GET')
      return page(
        ctx,
        state.enrollments.filter((row) => row.lead_id === ofLead[1]),
      );
    const enrol = /^\/v1\/sequences\/([\w-]+)\/enrollments$/.exec(path);
    if (enrol && ctx.method === 'POST') {
      if (!state.sequences.some((row) => row.id === enrol[1]))
        return fail(ctx, 404, 'not_found', 'No such sequence');
      if (state.enrollments.some((row) => row.sequence_id === enrol[1] && row.lead_id === body.lead_id))
        return fail(ctx, 409, 'conflict', 'This lead is already enrolled in this sequence');
      const time = now(state);
      const row = {
        id: randomUUID(),
        organization_id: '00000000-0000-4000-8000-000000000001',
        sequence_id: enrol[1],
        lead_id: body.lead_id,
        state: 'active',
        stop_reason: null,
        next_step: 0,
        next_run_at: time,
        time_zone: 'America/Chicago',
        history: [],
        enrolled_at: time,
        stopped_at: null,
        completed_at: null,
        updated_at: time,
      };
      state.enrollments.unshift(row);
      return ok(ctx, 201, row);
    }
    const stop = /^\/v1\/sequence-enrollments\/([\w-]+)\/stop$/.exec(path);
    if (stop && ctx.method === 'POST') {
      const held = state.enrollments.find((row) => row.id === stop[1]);
      if (!held) return fail(ctx, 404, 'not_found', 'No such enrollment');
      if (held.state === 'active')
        Object.assign(held, {
          state: 'stopped',
          stop_reason: 'manual',
          next_step: null,
          next_run_at: null,
          stopped_at: now(state),
        });
      return ok(ctx, 200, held);
    }
    if (path === '/v1/ai/analyze-deal' && ctx.method === 'POST') {
      const deal = state.deals.get(body.opportunity_id);
      if (!deal) return fail(ctx, 404, 'not_found', 'No such deal');
      if (deal.property_value === null)
        return fail(ctx, 422, 'unprocessable', 'This deal has no numbers to analyse');
      const spread = deal.property_value - deal.offer_amount;
      return ok(ctx, 200, {
        kind: 'wholesale',
        input: { arv: deal.property_value, purchase_price: deal.offer_amount },
        analysis: { spread },
        narrative: `Buying at ${deal.offer_amount} against a value of ${deal.property_value} leaves a spread of ${spread}.\n\nThe spread is what pays the assignment fee.`,
        source: 'template',
      });
    }
    return NOT_AN_AI_ROUTE;
  };

  const auth = async (ctx, state, action) => {
    const body = ctx.method === 'POST' ? await readBody(ctx.req) : undefined;
    const user = {
      id: '00000000-0000-4000-8000-00000000a11c',
      aud: 'authenticated',
      role: 'authenticated',
      email: 'agent@example.com',
      app_metadata: { organization_id: '00000000-0000-4000-8000-000000000001' },
      user_metadata: {},
      created_at: '2026-01-01T00:00:00.000Z',
    };
    if (action === 'token') {
      const grant = ctx.query.grant_type;
      if (grant === 'password' && body?.password !== 'correct horse')
        return send(ctx, 400, { error: 'invalid_grant', error_description: 'Invalid login credentials' });
      state.sessions += 1;
      const expiresAt = Math.floor(Date.now() / 1000) + 3600;
      return send(ctx, 200, {
        access_token: jwt({ sub: user.id, exp: expiresAt, n: state.sessions, role: 'authenticated' }),
        token_type: 'bearer',
        expires_in: 3600,
        expires_at: expiresAt,
        refresh_token: `refresh-${state.sessions}`,
        user,
      });
    }
    if (action === 'user') return send(ctx, 200, user);
    ctx.status = 204;
  };

  return async function standIn(ctx, next) {
    const match = apiRoute.exec(ctx.path);
    if (match) return api(ctx, namespace(match[1]), match[2]);
    const authMatch = authRoute.exec(ctx.path);
    if (authMatch) return auth(ctx, namespace(authMatch[1]), authMatch[2]);
    return next();
  };
}
