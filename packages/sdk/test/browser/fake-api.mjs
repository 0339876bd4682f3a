/**
 * A small stand-in for the API, served by web-test-runner's dev server under `/api`, so the
 * browser test talks HTTP to a real origin: it pages leads, fails each write's first attempt with
 * a 503 (recording the idempotency key of every attempt), breaks one answer on purpose, and
 * streams events.
 */
const now = () => new Date().toISOString();
const lead = (index) => ({
  id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
  organization_id: '00000000-0000-4000-8000-000000000000',
  source: 'browser',
  status: 'new',
  priority: 'medium',
  contact: { name: `Lead ${index}`, email: `lead${index}@example.com`, phone: null },
  property: {},
  motivation: null,
  attribution: {},
  consent: null,
  enrichment: {},
  score: null,
  score_details: null,
  tags: [],
  custom_fields: {},
  created_at: now(),
  updated_at: now(),
  last_contacted_at: null,
  resubmitted_at: null,
});
const leads = Array.from({ length: 5 }, (_, index) => lead(index + 1));
const attemptsByKey = new Map();

const json = (ctx, status, body) => {
  ctx.status = status;
  ctx.set('x-request-id', 'req_browser');
  ctx.type = 'application/json';
  ctx.body = JSON.stringify(body);
};
const success = (data) => ({ success: true, data, timestamp: now() });

export async function fakeApi(ctx, next) {
  if (!ctx.path.startsWith('/api/')) return next();
  const path = ctx.path.slice('/api'.length);
  if (ctx.get('authorization') !== 'Bearer sk_browser') {
    return json(ctx, 401, {
      success: false,
      error: 'Unauthorized',
      code: 'unauthorized',
      request_id: 'req_browser',
      timestamp: now(),
    });
  }
  if (path === '/_attempts') return json(ctx, 200, attemptsByKey.get(ctx.query.key) ?? 0);
  if (path === '/v1/leads' && ctx.method === 'GET') {
    const limit = Number(ctx.query.limit ?? 25);
    const start = Number(ctx.query.cursor ?? 0);
    const next = start + limit < leads.length ? String(start + limit) : null;
    return json(ctx, 200, success({ items: leads.slice(start, start + limit), next_cursor: next }));
  }
  if (path === '/v1/leads' && ctx.method === 'POST') {
    const key = ctx.get('idempotency-key');
    const attempts = (attemptsByKey.get(key) ?? 0) + 1;
    attemptsByKey.set(key, attempts);
    if (attempts === 1)
      return json(ctx, 503, {
        success: false,
        error: 'Try again',
        code: 'service_unavailable',
        request_id: 'req_browser',
        timestamp: now(),
      });
    return json(ctx, 201, success({ ...lead(99), merged: false }));
  }
  if (path === '/v1/leads/broken') return json(ctx, 200, success({ ...lead(7), status: 'archived' }));
  if (path === '/v1/events') {
    ctx.status = 200;
    ctx.type = 'text/event-stream';
    const events = [1, 2].map((id) => ({
      id: String(id),
      type: 'lead.created',
      resource_id: lead(id).id,
      data: {},
      created_at: now(),
    }));
    ctx.body = events
      .map((event) => `id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`)
      .join('');
    return;
  }
  return json(ctx, 404, {
    success: false,
    error: 'Not found',
    code: 'not_found',
    request_id: 'req_browser',
    timestamp: now(),
  });
}
