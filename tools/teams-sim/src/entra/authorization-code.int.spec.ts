import { createHash, randomBytes } from 'node:crypto';
import { request as httpsRequest } from 'node:https';
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTeamsSim } from '../teams-sim.js';
import type { TeamsSim } from '../teams-sim.types.js';
import { APP_ID, APP_PASSWORD, CHAT_USER, entraErrorShape, requestToken } from '../sim-test-support.spec-helpers.js';

const REDIRECT = 'http://127.0.0.1:3979/auth/callback';
const verifier = () => randomBytes(32).toString('base64url');
const challengeOf = (codeVerifier: string) => createHash('sha256').update(codeVerifier).digest('base64url');

describe('Entra ID: the authorization code flow (OIDC sign-in for the OAuth fallback)', () => {
  let sim: TeamsSim;
  const authorizeUrl = (params: Record<string, string>, base = sim.authorityHost) =>
    `${base}/${sim.tenantId}/oauth2/v2.0/authorize?${new URLSearchParams({
      client_id: APP_ID,
      response_type: 'code',
      redirect_uri: REDIRECT,
      scope: 'openid profile email',
      state: 'state-1',
      nonce: 'nonce-1',
      ...params,
    }).toString()}`;
  /** Signs in (302 to the redirect URI) and returns the code. */
  const signIn = async (params: Record<string, string> = {}) => {
    const response = await fetch(authorizeUrl(params), { redirect: 'manual' });
    expect(response.status).toBe(302);
    return new URL(response.headers.get('location')!).searchParams.get('code')!;
  };
  const redeem = (code: string, overrides: Record<string, string> = {}) =>
    requestToken(sim, { grant_type: 'authorization_code', client_id: APP_ID, client_secret: APP_PASSWORD, code, redirect_uri: REDIRECT, ...overrides }, sim.tenantId);

  beforeAll(async () => {
    sim = await startTeamsSim({ appId: APP_ID, appPassword: APP_PASSWORD, entraHttps: {} });
  });
  afterAll(() => sim.close());

  it('signs the chat page user in without UI and redirects back with the code and state', async () => {
    const response = await fetch(authorizeUrl({ response_mode: 'query' }), { redirect: 'manual' });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
    expect(location.searchParams.get('state')).toBe('state-1');
    expect(location.searchParams.get('code')).toMatch(/^1\.[\w-]{100,}$/);
  });

  it('redeems the code once, with PKCE, for a Graph token and an id_token the app can validate', async () => {
    const codeVerifier = verifier();
    const code = await signIn({ code_challenge: challengeOf(codeVerifier), code_challenge_method: 'S256' });
    const response = await redeem(code, { code_verifier: codeVerifier });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, string>;
    expect(body).toMatchObject({ token_type: 'Bearer', scope: 'https://graph.microsoft.com/User.Read openid profile email', expires_in: 3599 });
    const keys = (await (await fetch(`${sim.authorityHost}/${sim.tenantId}/discovery/v2.0/keys`)).json()) as JSONWebKeySet;
    const { payload } = await jwtVerify(body['id_token']!, createLocalJWKSet(keys), {
      issuer: `https://login.microsoftonline.com/${sim.tenantId}/v2.0`,
      audience: APP_ID,
    });
    expect(payload).toMatchObject({ nonce: 'nonce-1', oid: CHAT_USER, tid: sim.tenantId, name: 'Megan Bowen', preferred_username: 'MeganB@contoso.example', email: 'MeganB@contoso.example', ver: '2.0' });
    const me = await fetch(`${sim.graphBaseUrl}/v1.0/me`, { headers: { authorization: `Bearer ${body['access_token']}` } });
    expect(((await me.json()) as { id: string }).id).toBe(CHAT_USER);

    const again = await redeem(code, { code_verifier: codeVerifier });
    expect(await again.json()).toMatchObject(entraErrorShape('invalid_grant', 54005));
  });

  it("refuses a wrong PKCE verifier (AADSTS501481), another redirect URI (AADSTS50011) and a code it never issued", async () => {
    const pkce = await redeem(await signIn({ code_challenge: challengeOf(verifier()), code_challenge_method: 'S256' }), { code_verifier: verifier() });
    expect(await pkce.json()).toMatchObject(entraErrorShape('invalid_grant', 501481));
    const redirect = await redeem(await signIn(), { redirect_uri: 'http://127.0.0.1:3979/elsewhere' });
    const redirectBody = (await redirect.json()) as Record<string, unknown>;
    expect(redirectBody).toMatchObject(entraErrorShape('invalid_grant', 50011));
    expect(redirectBody['error_description']).toContain(`does not match the reply address '${REDIRECT}'`);
    expect(await (await redeem('1.never-issued')).json()).toMatchObject(entraErrorShape('invalid_grant', 9002313));
    const secret = await redeem(await signIn(), { client_secret: 'wrong' });
    expect(secret.status).toBe(401);
  });

  it('signs in the user login_hint names, and counts their consent as given', async () => {
    const person = 'c4d5e6f7-0a1b-4c2d-8e3f-9a0b1c2d3e4f';
    sim.setUser(person, { displayName: 'Lee Gu', userPrincipalName: 'LeeG@contoso.example', consented: false });
    const body = (await (await redeem(await signIn({ login_hint: 'leeg@contoso.example' }))).json()) as Record<string, string>;
    const keys = (await (await fetch(`${sim.authorityHost}/${sim.tenantId}/discovery/v2.0/keys`)).json()) as JSONWebKeySet;
    const { payload } = await jwtVerify(body['id_token']!, createLocalJWKSet(keys));
    expect(payload).toMatchObject({ oid: person, name: 'Lee Gu' });
    expect(sim.getUser(person).consented).toBe(true);

    const unknown = await fetch(authorizeUrl({ login_hint: 'nobody@contoso.example' }), { redirect: 'manual' });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('AADSTS50034');
  });

  it("answers form_post with Entra's auto-submitting form, and fragment in the fragment", async () => {
    const form = await fetch(authorizeUrl({ response_mode: 'form_post' }), { redirect: 'manual' });
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(html).toContain(`<form method="POST" name="hiddenform" action="${REDIRECT}">`);
    expect(html).toMatch(/<input type="hidden" name="code" value="1\.[\w-]+" \/>/);
    expect(html).toContain('<input type="hidden" name="state" value="state-1" />');
    expect(html).toContain('document.forms[0].submit()');
    const fragment = await fetch(authorizeUrl({ response_mode: 'fragment' }), { redirect: 'manual' });
    expect(new URL(fragment.headers.get('location')!).hash).toMatch(/^#code=1\./);
  });

  it('shows errors it cannot send to the app on its own page, and sends the others to the redirect URI', async () => {
    const client = await fetch(authorizeUrl({ client_id: '11111111-2222-3333-4444-555555555555' }), { redirect: 'manual' });
    expect(client.status).toBe(400);
    expect(await client.text()).toContain('AADSTS700016');
    const remote = await fetch(authorizeUrl({ redirect_uri: 'http://herald.example/auth/callback' }), { redirect: 'manual' });
    expect(await remote.text()).toContain('AADSTS50011');

    const token = await fetch(authorizeUrl({ response_type: 'id_token' }), { redirect: 'manual' });
    const location = new URL(token.headers.get('location')!);
    expect(location.searchParams.get('error')).toBe('unsupported_response_type');
    expect(location.searchParams.get('error_description')).toMatch(/^AADSTS700054: /);
    expect(location.searchParams.get('state')).toBe('state-1');
  });

  it('refuses a redirect URI the app did not register, when the registration is given', async () => {
    const strict = await startTeamsSim({ appId: APP_ID, appPassword: APP_PASSWORD, redirectUris: ['https://herald.example/auth/callback'] });
    try {
      const page = await fetch(authorizeUrl({}, strict.authorityHost).replace(sim.tenantId, strict.tenantId), { redirect: 'manual' });
      expect(page.status).toBe(400);
      expect(await page.text()).toContain(`The redirect URI &#39;${REDIRECT}&#39; specified in the request does not match`);
    } finally {
      await strict.close();
    }
  });

  it('serves the same flow over https, at the endpoints its https discovery document names', async () => {
    const get = (url: string) =>
      new Promise<{ status: number; location?: string; body: string }>((resolve, reject) => {
        const request = httpsRequest(url, { ca: sim.caCertificate }, (response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => (body += chunk.toString()));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, ...(response.headers.location ? { location: response.headers.location } : {}), body }));
        });
        request.on('error', reject);
        request.end();
      });
    const metadata = JSON.parse((await get(`${sim.entraHttpsUrl}/${sim.tenantId}/v2.0/.well-known/openid-configuration`)).body) as Record<string, string>;
    expect(metadata['authorization_endpoint']).toBe(`${sim.entraHttpsUrl}/${sim.tenantId}/oauth2/v2.0/authorize`);
    expect(metadata['token_endpoint']).toBe(`${sim.entraHttpsUrl}/${sim.tenantId}/oauth2/v2.0/token`);
    const signedIn = await get(authorizeUrl({}, sim.entraHttpsUrl));
    expect(signedIn.status).toBe(302);
    const code = new URL(signedIn.location!).searchParams.get('code')!;
    expect((await redeem(code)).status).toBe(200);
  });
});
