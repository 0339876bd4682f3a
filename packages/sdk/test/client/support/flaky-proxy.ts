import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What the proxy does with one request:
 * - `pass`: forward it and relay the answer;
 * - `drop-after-upstream`: forward it, let the server do the work, then cut the connection, as a
 *   network failure after the write landed (the case idempotency keys exist for);
 * - `drop`: cut the connection without forwarding;
 * - a status (and headers): answer it without forwarding.
 */
export type Fault =
  | 'pass'
  | 'drop-after-upstream'
  | 'drop'
  | { status: number; headers?: Record<string, string> };

export interface ProxiedRequest {
  method: string;
  url: string;
  idempotencyKey: string | undefined;
}

/** A real HTTP proxy in front of `upstream` that misbehaves as `plan` says, per request. */
export async function startFlakyProxy(
  upstream: string,
  plan: (index: number, request: ProxiedRequest) => Fault,
) {
  const seen: ProxiedRequest[] = [];
  const server = createServer(async (incoming, outgoing) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const request = {
      method: incoming.method ?? 'GET',
      url: incoming.url ?? '/',
      idempotencyKey: incoming.headers['idempotency-key'] as string | undefined,
    };
    seen.push(request);
    const fault = plan(seen.length - 1, request);
    if (fault === 'drop') return incoming.socket.destroy();
    if (typeof fault === 'object') {
      outgoing.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers });
      return outgoing.end(
        JSON.stringify({ success: false, error: 'injected fault', code: 'service_unavailable' }),
      );
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers)) {
      if (typeof value === 'string' && name !== 'host' && name !== 'connection') headers.set(name, value);
    }
    const answer = await fetch(`${upstream}${request.url}`, {
      method: request.method,
      headers,
      body: chunks.length ? Buffer.concat(chunks) : undefined,
    });
    const body = Buffer.from(await answer.arrayBuffer());
    if (fault === 'drop-after-upstream') return incoming.socket.destroy();
    const relayed: Record<string, string> = {};
    answer.headers.forEach((value, name) => {
      if (name !== 'content-encoding' && name !== 'transfer-encoding' && name !== 'content-length')
        relayed[name] = value;
    });
    outgoing.writeHead(answer.status, relayed);
    outgoing.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
