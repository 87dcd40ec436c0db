import { describe, expect, it } from 'vitest';
import { changesOfPage, type DeltaUser } from './directory-changes.js';

const tenantId = 't1';
const now = new Date('2026-12-07T12:00:00Z');
const alice: DeltaUser = { id: 'a', displayName: 'Alice', userPrincipalName: 'alice@x', mail: 'alice@x', accountEnabled: true, userType: 'Member' };

describe('changesOfPage', () => {
  it('emits an upsert for a new user and nothing for the same user listed again', () => {
    const first = changesOfPage({ tenantId, round: 1, users: [alice], known: new Map(), now });
    expect(first.events.map((event) => event.type)).toEqual(['DirectoryUserUpserted']);
    const known = new Map(first.seen.map((each) => [each.userId, each.fingerprint]));
    const again = changesOfPage({ tenantId, round: 2, users: [alice], known, now });
    expect(again.events).toEqual([]);
    expect(again.seen).toEqual(first.seen);
  });

  it('keeps the known properties a delta round left out, and derives the same ids from the same page', () => {
    const known = new Map(changesOfPage({ tenantId, round: 1, users: [alice], known: new Map(), now }).seen.map((each) => [each.userId, each.fingerprint]));
    const page = { tenantId, round: 2, users: [{ id: 'a', accountEnabled: false }], known, now };
    const changed = changesOfPage(page);
    expect(changed.events[0]).toMatchObject({ data: { userId: 'a', displayName: 'Alice', accountEnabled: false, userType: 'Member' } });
    expect(changesOfPage(page).events[0]!.metadata.id).toBe(changed.events[0]!.metadata.id);
  });

  it('removes a known user listed as @removed and ignores an unknown one', () => {
    const known = new Map([['a', '{}']]);
    const changes = changesOfPage({ tenantId, round: 3, users: [{ id: 'a', '@removed': { reason: 'changed' } }, { id: 'b', '@removed': { reason: 'deleted' } }], known, now });
    expect(changes.removed).toEqual(['a']);
    expect(changes.events).toMatchObject([{ type: 'DirectoryUserRemoved', data: { userId: 'a', reason: 'changed' } }]);
  });
});
