import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, fixture } from '@herald/testing';
import { installPersonalChat, startHerald, type Herald } from './herald-harness.js';
import { settledRecipients } from './settled-recipients.js';

const API_KEY = 'people-key';
let herald: Herald;
let db: pg.Client;
const installed = fixture<Record<string, unknown>>('conversationUpdate-botAdded-personal.json');
const TENANT = (installed['conversation'] as { tenantId: string }).tenantId;


const settle = (body: object) => settledRecipients(herald.gatewayUrl, API_KEY, db, body);

beforeAll(async () => {
  herald = await startHerald({ env: { HERALD_API_KEYS: API_KEY, HERALD_SKIP_GUESTS: 'true' } });
  await herald.startRouter();
  db = new pg.Client({ connectionString: herald.databaseUrl });
  await db.connect();
  herald.sim.setMember('29:ada', { userPrincipalName: 'Ada.Lovelace@Contoso.example', name: 'Ada Lovelace' });
  herald.sim.setMember('29:visitor', { userRole: 'guest', userPrincipalName: 'visitor_fabrikam.example#EXT#@contoso.example' });
  for (const user of ['29:ada', '29:visitor', '29:bob']) await installPersonalChat(herald, `a:${user}`, { userId: user });
  await eventually(async () => Number((await db.query('select count(*) from notifier.known_people')).rows[0].count) === 3 || undefined, 15_000, 'people profiled');
});

afterAll(async () => {
  await db?.end();
  await herald?.close();
});

describe('people Herald has a personal chat with', () => {
  it('are profiled once through the member API when Herald is installed', async () => {
    const { rows } = await db.query('select user_id, upn, user_role from notifier.known_people order by user_id');
    expect(rows).toEqual([
      { user_id: '29:ada', upn: 'ada.lovelace@contoso.example', user_role: 'user' },
      { user_id: '29:bob', upn: expect.stringMatching(/@contoso\.example$/), user_role: 'user' },
      { user_id: '29:visitor', upn: 'visitor_fabrikam.example#ext#@contoso.example', user_role: 'guest' },
    ]);
    expect(herald.sim.connectorCalls.filter((c) => c.operation === 'getConversationMember')).toHaveLength(3);
  });

  it('are found by upn, whatever its case; an unknown upn is NotInstalled(UpnUnknown)', async () => {
    expect(await settle({ recipients: [{ upn: 'ADA.lovelace@contoso.example' }, { upn: 'nobody@contoso.example' }], text: 'By UPN' })).toEqual([
      ['a:29:ada', 'Delivered', null],
      ['upn:nobody@contoso.example', 'NotInstalled', 'UpnUnknown'],
    ]);
  });

  it('guests of the tenant are Skipped(guest) when HERALD_SKIP_GUESTS is on, and get nothing', async () => {
    expect(await settle({ recipients: [{ allUsers: true, tenantId: TENANT }], text: 'Staff only' })).toEqual([
      ['a:29:ada', 'Delivered', null],
      ['a:29:bob', 'Delivered', null],
      ['a:29:visitor', 'Skipped', 'guest'],
    ]);
    expect(herald.sim.connectorCalls.filter((c) => c.conversationId === 'a:29:visitor' && JSON.stringify(c.body ?? {}).includes('Staff only'))).toEqual([]);
  });
});
