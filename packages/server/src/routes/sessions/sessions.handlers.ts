import { answerHoldsSecret } from '../../middleware/idempotency.js';
import { mintSessionToken } from '../../services/sessions/session-tokens.js';
import { envelope, type Router } from '../openapi.js';
import { createSessionRoute } from './sessions.routes.js';

export function registerSessionRoutes(router: Router) {
  router.openapi(createSessionRoute, async (c) => {
    const input = c.req.valid('json');
    const { organizationId, keyId } = c.var.auth;
    const issuedAt = c.var.deps.clock();
    // Whole seconds, as JWT `exp` is: the answer says exactly when the token stops working.
    const expiresAt = new Date(Math.floor(issuedAt.getTime() / 1000 + input.ttl_seconds) * 1000);
    const token = await mintSessionToken(
      await c.var.tokens.sessionKey(c.var.deps.db),
      { organizationId, readOnly: input.read_only, keyId: keyId!, subject: input.subject ?? `key:${keyId}` },
      issuedAt,
      expiresAt,
    );
    const session = {
      token,
      expires_at: expiresAt.toISOString(),
      organization_id: organizationId,
      read_only: input.read_only,
    };
    answerHoldsSecret(c);
    return c.json(envelope(c, session), 201);
  });
}
