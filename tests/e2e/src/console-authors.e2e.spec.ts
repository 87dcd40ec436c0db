import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHerald, type Herald } from './herald-harness.js';

/**
 * Who may use the messages console (issue 13): a person with a valid Entra token for Herald who is
 * an author — by UPN (HERALD_AUTHORS) or as a member of the authors group (HERALD_AUTHORS_GROUP_ID,
 * read through graph-sync from the sim's Graph). Everyone else: 403 with the not-an-author type;
 * a bad token: 401.
 */

const AUTHORS_GROUP = '3c9a1f52-6d0e-4b7a-8e21-5f4d3c2b1a09';
const MEGAN = '5d8a3c2e-7b41-4f6a-9e0d-2c6b1f4a8e37';
const NOT_AN_AUTHOR = 'https://herald.dev/problems/not-an-author';

let herald: Herald;
let groupMember: string;
let outsider: string;

beforeAll(async () => {
  herald = await startHerald({ graphSync: true, env: { HERALD_AUTHORS: ' meganb@CONTOSO.example ,someone@contoso.example', HERALD_AUTHORS_GROUP_ID: AUTHORS_GROUP } });
  const [member, other] = herald.sim.seedDirectory({ users: 2 });
  groupMember = member!.id;
  outsider = other!.id;
  herald.sim.createGroup({ id: AUTHORS_GROUP, displayName: 'Internal comms', memberIds: [groupMember] });
}, 120_000);

afterAll(async () => {
  await herald?.close();
});

const me = (token?: string) => {
  const call = request(herald.gatewayUrl).get('/api/v1/console/me');
  return token === undefined ? call : call.set('Authorization', `Bearer ${token}`);
};

describe('the console lets authors in', () => {
  it('an author by UPN (listed in any case, with spaces) is told who they are', async () => {
    const response = await me(await herald.sim.mintUserSsoToken({ aadObjectId: MEGAN }));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ aadObjectId: MEGAN, tenantId: herald.sim.tenantId, upn: 'MeganB@contoso.example', name: expect.any(String) });
  });

  it('an author by membership of the authors group', async () => {
    const response = await me(await herald.sim.mintUserSsoToken({ aadObjectId: groupMember }));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ aadObjectId: groupMember, tenantId: herald.sim.tenantId });
  });

  it('an author by the v1.0 token Entra issues for apps that accept those', async () => {
    expect((await me(await herald.sim.mintUserSsoToken({ aadObjectId: MEGAN, version: '1.0' }))).status).toBe(200);
  });
});

describe('the console keeps everyone else out', () => {
  it('a colleague who is neither listed nor in the group: 403 not-an-author, saying how to become one', async () => {
    const response = await me(await herald.sim.mintUserSsoToken({ aadObjectId: outsider }));
    expect(response.status).toBe(403);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({ type: NOT_AN_AUTHOR, status: 403, detail: expect.stringContaining('authors group') });
  });

  it('a tampered token: 401, though its claims name an author', async () => {
    const token = await herald.sim.mintUserSsoToken({ aadObjectId: MEGAN });
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, oid: outsider })).toString('base64url');
    const response = await me(`${header}.${forged}.${signature}`);
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ detail: 'the token is not signed by Entra ID' });
  });

  it.each([
    ['no token', () => Promise.resolve(undefined), /needs an Entra access token/],
    ['an API key instead of a token', () => Promise.resolve('not-a-jwt'), /needs an Entra access token/],
    ['an expired token', () => herald.sim.mintUserSsoToken({ aadObjectId: MEGAN, expiresInSeconds: -3_600 }), /expired/],
    ['a token for another app', () => herald.sim.mintUserSsoToken({ aadObjectId: MEGAN, audience: 'api://botid-00000000-0000-0000-0000-000000000001' }), /audience/],
    ['a token signed by an unknown key', () => herald.sim.mintUserSsoToken({ aadObjectId: MEGAN, unknownKey: true }), /not signed/],
    ['an app-only token (no person)', () => herald.sim.mintAppToken({ clientId: 'a1b2c3d4-0000-4000-8000-000000000001', audience: herald.sim.appId }), /not a delegated token/],
  ])('%s: 401 naming why', async (_name, token, reason) => {
    const response = await me(await token());
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(response.body.detail).toMatch(reason);
  });
});
