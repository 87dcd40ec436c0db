import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTeamsSim } from '../teams-sim.js';
import type { TeamsSim } from '../teams-sim.types.js';
import { APP_ID, APP_PASSWORD } from '../sim-test-support.spec-helpers.js';

describe('Bot Framework channel: OpenID metadata, keys and channel tokens', () => {
  let sim: TeamsSim;
  let jwksUri: string;

  beforeAll(async () => {
    sim = await startTeamsSim({ appId: APP_ID, appPassword: APP_PASSWORD });
    const metadata = (await (await fetch(sim.openIdMetadataUrl)).json()) as { jwks_uri: string };
    jwksUri = metadata.jwks_uri;
  });
  afterAll(() => sim.close());

  const verify = (token: string) =>
    jwtVerify(token, createRemoteJWKSet(new URL(jwksUri)), {
      issuer: 'https://api.botframework.com',
      audience: APP_ID,
      algorithms: ['RS256'],
      clockTolerance: 300,
    });

  it('serves the OpenID metadata document in the documented shape, pointing at its own keys', async () => {
    const response = await fetch(sim.openIdMetadataUrl);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      issuer: 'https://api.botframework.com',
      authorization_endpoint: 'https://invalid.botframework.com',
      jwks_uri: `${sim.url}/v1/.well-known/keys`,
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
    });
  });

  it('publishes RSA signing keys with kid, use and endorsements, one endorsed for msteams', async () => {
    const { keys } = (await (await fetch(jwksUri)).json()) as { keys: Record<string, unknown>[] };
    expect(keys.length).toBeGreaterThanOrEqual(2);
    for (const key of keys) {
      expect(key).toMatchObject({ kty: 'RSA', use: 'sig', kid: expect.any(String), n: expect.any(String), e: 'AQAB' });
      expect(key['endorsements']).toEqual(expect.arrayContaining([expect.any(String)]));
      expect(key).not.toHaveProperty('d');
    }
    expect(keys[0]?.['endorsements']).toEqual(['msteams']);
    expect(keys[1]?.['endorsements']).not.toContain('msteams');
    expect(sim.channelKeys.map((key) => key.kid)).toEqual(keys.map((key) => key.kid));
  });

  it('mints RS256 tokens that verify against the served JWKS with the documented claims', async () => {
    const token = await sim.mintChannelToken();
    const { payload, protectedHeader } = await verify(token);
    expect(protectedHeader).toEqual({ alg: 'RS256', typ: 'JWT', kid: sim.channelKeys[0]?.kid, x5t: sim.channelKeys[0]?.kid });
    expect(payload).toMatchObject({ iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: sim.serviceUrl });
    const now = Math.floor(Date.now() / 1000);
    expect(payload.exp! - payload.nbf!).toBe(3600);
    expect(Math.abs(payload.iat! - now)).toBeLessThan(5);
  });

  it('binds the token to the serviceUrl it is given', async () => {
    const { payload } = await verify(await sim.mintChannelToken({ serviceUrl: 'https://smba.trafficmanager.net/amer/' }));
    expect(payload['serviceurl']).toBe('https://smba.trafficmanager.net/amer/');
  });

  it('forges tokens a bot must reject: expired, not yet valid, wrong audience, wrong issuer', async () => {
    await expect(verify(await sim.mintChannelToken({ expiresInSeconds: -600 }))).rejects.toThrow(/exp/);
    await expect(verify(await sim.mintChannelToken({ notBeforeSeconds: 900 }))).rejects.toThrow(/nbf/);
    await expect(verify(await sim.mintChannelToken({ audience: 'someone-else' }))).rejects.toThrow(/aud/);
    await expect(verify(await sim.mintChannelToken({ issuer: 'https://evil.example' }))).rejects.toThrow(/iss/);
  });

  it('signs with another published key or names an unknown kid on request', async () => {
    const otherKid = sim.channelKeys[1]!.kid;
    const other = await sim.mintChannelToken({ kid: otherKid });
    expect(decodeProtectedHeader(other).kid).toBe(otherKid);
    await expect(verify(other)).resolves.toBeTruthy();
    await expect(verify(await sim.mintChannelToken({ kid: 'not-a-published-kid' }))).rejects.toThrow();
  });

  it("mints the Entra token a single-tenant bot receives: the tenant's, for the bot, obtained by the bot's own app id", async () => {
    const metadataUrl = `${sim.authorityHost}/${sim.tenantId}/v2.0/.well-known/openid-configuration`;
    const metadata = (await (await fetch(metadataUrl)).json()) as { issuer: string; jwks_uri: string };
    const keys = createRemoteJWKSet(new URL(metadata.jwks_uri));
    const { payload } = await jwtVerify(await sim.mintChannelEntraToken(), keys, { issuer: metadata.issuer, audience: APP_ID });
    expect(payload).toMatchObject({ ver: '2.0', tid: sim.tenantId, azp: APP_ID, idtyp: 'app' });
    expect(payload).not.toHaveProperty('serviceurl');
    const v1 = decodeJwt(await sim.mintChannelEntraToken({ version: '1.0', callerAppId: 'another-app' }));
    expect(v1).toMatchObject({ ver: '1.0', iss: `https://sts.windows.net/${sim.tenantId}/`, appid: 'another-app', aud: APP_ID });
  });

  it('adds, replaces and removes claims', async () => {
    const token = await sim.mintChannelToken({ claims: { extra: 'yes', serviceurl: undefined } });
    const { payload } = await verify(token);
    expect(payload['extra']).toBe('yes');
    expect(payload).not.toHaveProperty('serviceurl');
  });
});
