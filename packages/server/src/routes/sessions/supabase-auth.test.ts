import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../../../test/harness.js';
import { type App, createApp } from '../../app.js';

const server = useTestServer();

const PROJECT_SECRET = 'super-secret-jwt-token-with-at-least-32-characters';
const ISSUER = 'https://project-ref.supabase.co/auth/v1';
const HOUR = 3600;

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;
let rsa: KeyPair;
let ec: KeyPair;
let stranger: KeyPair;
let jwksServer: Server;
let jwksUrl: string;

/** A stand-in for the project's `/auth/v1/.well-known/jwks.json`, on loopback. */
beforeAll(async () => {
  [rsa, ec, stranger] = await Promise.all([
    generateKeyPair('RS256'),
    generateKeyPair('ES256'),
    generateKeyPair('RS256'),
  ]);
  const keys = [
    { ...(await exportJWK(rsa.publicKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' },
    { ...(await exportJWK(ec.publicKey)), kid: 'ec-1', alg: 'ES256', use: 'sig' },
  ];
  jwksServer = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys }));
  });
  await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/auth/v1/.well-known/jwks.json`;
});
afterAll(() => new Promise<void>((resolve) => jwksServer.close(() => resolve())));

const now = () => Math.floor(Date.now() / 1000);

/** Claims shaped like a Supabase access token of a signed-in user. */
const userClaims = (organizationId: unknown, overrides: JWTPayload = {}): JWTPayload => ({
  iss: ISSUER,
  aud: 'authenticated',
  sub: '7f1c7c1e-8f4b-4b6f-9d0a-0a4f5e4f2c11',
  role: 'authenticated',
  email: 'agent@agency.example',
  app_metadata: { provider: 'email', organization_id: organizationId },
  user_metadata: {},
  iat: now(),
  exp: now() + HOUR,
  ...overrides,
});

const signHs256 = (claims: JWTPayload, secret = PROJECT_SECRET) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(secret));

const signWith = (pair: KeyPair, alg: 'RS256' | 'ES256', kid: string, claims: JWTPayload) =>
  new SignJWT(claims).setProtectedHeader({ alg, kid, typ: 'JWT' }).sign(pair.privateKey);

const listLeads = async (app: App, token: string) => {
  const res = await app.request('/v1/leads', { headers: { authorization: `Bearer ${token}` } });
  return {
    status: res.status,
    body: (await res.json()) as { code?: string; data?: { items: { id: string }[] } },
  };
};

describe('Supabase Auth tokens with the project’s JWT secret (HS256)', () => {
  let app: App;
  beforeAll(() => {
    app = createApp({ ...server.deps, tokens: { supabase: { jwtSecret: PROJECT_SECRET, issuer: ISSUER } } });
  });

  it('act for the organisation in app_metadata.organization_id, and only for it', async () => {
    const mine = await server.newOrg();
    const theirs = await server.newOrg();
    const lead = await mine.call('POST', '/v1/leads', { contact: { email: 'a@example.com' } });
    await theirs.call('POST', '/v1/leads', { contact: { email: 'b@example.com' } });
    const res = await listLeads(app, await signHs256(userClaims(mine.organization_id)));
    expect(res.status).toBe(200);
    expect(res.body.data!.items.map((item) => item.id)).toEqual([lead.body.data.id]);

    const created = await app.request('/v1/leads', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await signHs256(userClaims(mine.organization_id))}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ contact: { email: 'c@example.com' } }),
    });
    expect(created.status).toBe(201);
  });

  it('are refused (401) without a known organisation: missing, malformed, unknown, or only in user_metadata', async () => {
    const org = await server.newOrg();
    const tokens = await Promise.all([
      signHs256(userClaims(undefined)),
      signHs256(userClaims('not-a-uuid')),
      signHs256(userClaims('0b7c3f0e-2a53-4b8e-9a4e-7f5b8c1d2e3f')),
      signHs256(userClaims(undefined, { user_metadata: { organization_id: org.organization_id } })),
    ]);
    for (const token of tokens) {
      const res = await listLeads(app, token);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('unauthorized');
    }
  });

  it('are refused (401) when expired, tampered, for another audience or issuer, or signed with another secret', async () => {
    const org = await server.newOrg();
    const good = await signHs256(userClaims(org.organization_id));
    const [header, , signature] = good.split('.');
    const forged = Buffer.from(JSON.stringify(userClaims((await server.newOrg()).organization_id))).toString(
      'base64url',
    );
    const tokens = await Promise.all([
      signHs256(userClaims(org.organization_id, { iat: now() - 2 * HOUR, exp: now() - HOUR })),
      Promise.resolve(`${header}.${forged}.${signature}`),
      signHs256(userClaims(org.organization_id, { aud: 'anon', role: 'anon' })),
      signHs256(userClaims(org.organization_id, { iss: 'https://elsewhere.supabase.co/auth/v1' })),
      signHs256(userClaims(org.organization_id), 'a-different-project-secret-that-is-long-enough'),
      signWith(rsa, 'RS256', 'rsa-1', userClaims(org.organization_id)),
    ]);
    for (const token of tokens) expect((await listLeads(app, token)).status).toBe(401);
    expect((await listLeads(app, good)).status).toBe(200);
  });

  it('cannot mint sessions (secret keys only)', async () => {
    const org = await server.newOrg();
    const res = await app.request('/v1/sessions', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await signHs256(userClaims(org.organization_id))}`,
        'content-type': 'application/json',
      },
      body: '{}',
    });
    expect(res.status).toBe(403);
  });
});

describe('Supabase Auth tokens verified with the project’s JWKS', () => {
  let app: App;
  beforeAll(() => {
    app = createApp({ ...server.deps, tokens: { supabase: { jwksUrl, issuer: ISSUER } } });
  });

  it('accepts RS256 and ES256 tokens signed by the published keys', async () => {
    const org = await server.newOrg();
    for (const token of [
      await signWith(rsa, 'RS256', 'rsa-1', userClaims(org.organization_id)),
      await signWith(ec, 'ES256', 'ec-1', userClaims(org.organization_id)),
    ]) {
      const res = await listLeads(app, token);
      expect(res.status).toBe(200);
      expect(res.body.data!.items).toEqual([]);
    }
  });

  it('refuses an unknown key, an expired token, a wrong org claim and an HS256 token', async () => {
    const org = await server.newOrg();
    const tokens = await Promise.all([
      signWith(stranger, 'RS256', 'rsa-1', userClaims(org.organization_id)),
      signWith(stranger, 'RS256', 'unknown-kid', userClaims(org.organization_id)),
      signWith(
        ec,
        'ES256',
        'ec-1',
        userClaims(org.organization_id, { iat: now() - 2 * HOUR, exp: now() - 60 }),
      ),
      signWith(rsa, 'RS256', 'rsa-1', userClaims('0b7c3f0e-2a53-4b8e-9a4e-7f5b8c1d2e3f')),
      signHs256(userClaims(org.organization_id)),
    ]);
    for (const token of tokens) {
      const res = await listLeads(app, token);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('unauthorized');
    }
  });

  it('are not accepted by a server that has no Supabase settings', async () => {
    const org = await server.newOrg();
    const plain = createApp({ ...server.deps, tokens: {} });
    const token = await signWith(rsa, 'RS256', 'rsa-1', userClaims(org.organization_id));
    expect((await listLeads(plain, token)).status).toBe(401);
  });
});
