import { randomUUID } from 'node:crypto';
import { type Agent, request } from 'node:http';

/**
 * POST /v1/leads (a new person each time) on one of `agent`'s connections, so a test chooses
 * whether writers keep theirs alive; resolves with the status, rejects on a connection error.
 */
export function postLeadOn(agent: Agent, baseUrl: string, key: string, headers: Record<string, string> = {}) {
  return new Promise<number>((resolve, reject) => {
    const outgoing = request(
      new URL('/v1/leads', baseUrl),
      {
        method: 'POST',
        agent,
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
      },
      (response) => {
        response.resume();
        response.once('end', () => resolve(response.statusCode ?? 0));
        response.once('error', reject);
      },
    );
    outgoing.once('error', reject);
    outgoing.end(JSON.stringify({ contact: { email: `${randomUUID()}@leads.example` } }));
  });
}
