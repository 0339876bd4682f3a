import { randomUUID } from 'node:crypto';

/**
 * A stand-in for `POST /v1/public/leads`, served by web-test-runner's dev server so component
 * tests exercise real fetch over HTTP. Each test uses its own namespace as the form's base URL:
 *
 *   POST {ns}/v1/public/leads   records the request; keeps one lead per Idempotency-Key and replays it
 *   POST {ns}/__script          JSON array of what the next requests get, in order:
 *                               'unavailable' (503), 'invalid' (422, the email named),
 *                               'invalid-elsewhere' (422, a field the form does not show named),
 *                               'rate-limited' (429, Retry-After: 7),
 *                               'key-revoked' / 'key-unknown' (401), 'origin-refused' (403),
 *                               'drop' (connection reset before
 *                               the lead is stored), 'lose-response' (stored, then connection reset)
 *   GET  {ns}/__log             { requests: [{ headers, body }], leads: [{ id, idempotencyKey, body }] }
 */
const route = /^\/stand-in\/([\w-]+)\/(v1\/public\/leads|__script|__log)$/;

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function json(ctx, status, body) {
  ctx.status = status;
  ctx.type = 'application/json';
  ctx.body = JSON.stringify(body);
}

export function leadEndpointStandIn() {
  const namespaces = new Map();
  const namespace = (name) => {
    if (!namespaces.has(name)) namespaces.set(name, { script: [], requests: [], leads: new Map() });
    return namespaces.get(name);
  };

  return async function standIn(ctx, next) {
    // Chromium silently re-sends a request that fails on a reused keep-alive connection; with every
    // connection closed after its response, a dropped connection reaches the form as the failure it is.
    ctx.set('Connection', 'close');
    const match = route.exec(ctx.path);
    if (!match) return next();
    const state = namespace(match[1]);
    const action = match[2];

    if (action === '__log' && ctx.method === 'GET') {
      return json(ctx, 200, { requests: state.requests, leads: [...state.leads.values()] });
    }
    if (action === '__script' && ctx.method === 'POST') {
      state.script = JSON.parse(await readBody(ctx.req));
      return json(ctx, 204, {});
    }
    if (ctx.method !== 'POST') return next();

    const raw = await readBody(ctx.req);
    const idempotencyKey = ctx.get('idempotency-key');
    state.requests.push({
      headers: {
        authorization: ctx.get('authorization'),
        'content-type': ctx.get('content-type'),
        'idempotency-key': idempotencyKey,
      },
      body: JSON.parse(raw),
    });

    const step = state.script.shift() ?? 'ok';
    if (step === 'drop') {
      ctx.respond = false;
      ctx.req.socket.destroy();
      return;
    }
    if (step === 'unavailable') {
      return json(ctx, 503, { success: false, error: 'Unavailable', code: 'unavailable' });
    }
    if (step === 'rate-limited') {
      ctx.set('Retry-After', '7');
      return json(ctx, 429, { success: false, error: 'Too many requests', code: 'rate_limited' });
    }
    if (step === 'key-revoked' || step === 'key-unknown') {
      const revoked = step === 'key-revoked';
      return json(ctx, 401, {
        success: false,
        error: revoked ? 'This publishable key has been revoked' : 'The API key is not known',
        code: 'unauthorized',
        details: { key: [revoked ? 'revoked' : 'unknown'] },
      });
    }
    if (step === 'origin-refused') {
      return json(ctx, 403, {
        success: false,
        error: 'This origin is not on the publishable key’s allow-list',
        code: 'forbidden',
        details: { origin: [ctx.get('origin') || 'missing'] },
      });
    }
    if (step === 'invalid-elsewhere') {
      return json(ctx, 422, {
        success: false,
        error: 'Invalid request',
        code: 'validation_error',
        details: { 'attribution.landing_page': ['Too long'] },
      });
    }
    if (step === 'invalid') {
      return json(ctx, 422, {
        success: false,
        error: 'Invalid request',
        code: 'validation_error',
        details: { 'contact.email': ['Invalid email address'] },
      });
    }

    const replay = state.leads.get(idempotencyKey);
    const lead = replay ?? { id: randomUUID(), idempotencyKey, body: JSON.parse(raw) };
    state.leads.set(idempotencyKey, lead);
    if (step === 'lose-response') {
      ctx.respond = false;
      ctx.req.socket.destroy();
      return;
    }
    return json(ctx, replay ? 200 : 201, {
      success: true,
      data: { id: lead.id },
      timestamp: new Date().toISOString(),
    });
  };
}
