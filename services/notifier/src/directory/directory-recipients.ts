import type { Metadata } from '@herald/contracts';
import { RetryLaterError } from '@herald/messaging';
import type { EntityManager } from '@herald/persistence';
import { CONVERSATIONS_WITH_STANDING, type Resolution } from '../notifications/recipient-directory.js';
import { isGuest } from './directory-people.projection.js';
import { GraphSyncUnavailableError, type GraphSyncRequests } from './graph-sync-requests.js';

/** A person of a tenant's Entra directory, as `directory_people` or a group page lists them. */
export interface DirectoryPerson {
  readonly aadObjectId: string;
  readonly guest: boolean;
  readonly disabled: boolean;
}

type PersonalChat = { conversation_id: string; user_id: string | null; aad: string; installed: boolean; stale: boolean; guest_role: boolean };

const PAGE = 1_000;

/**
 * Recipients named through the directory (a group's members, the tenant's users, a UPN or an
 * Entra object id graph-sync synced): each person once, to their personal chat when Herald has
 * a working one, or through graph-sync installing the app for them; guests and disabled
 * accounts skipped.
 */
export class DirectoryRecipients {
  constructor(
    private readonly graphSync: GraphSyncRequests,
    private readonly policy: { skipGuests: boolean },
  ) {}

  /** The person the tenant's directory knows by this Entra object id or UPN, if any. */
  async person(em: EntityManager, tenantId: string, by: { aadObjectId: string } | { upn: string }): Promise<DirectoryPerson | undefined> {
    const [column, value] = 'upn' in by ? ['upn', by.upn.toLowerCase()] : ['aad_object_id', by.aadObjectId];
    const rows = await em.execute<PersonRow[]>(`select aad_object_id, guest, account_enabled from directory_people where tenant_id = ? and ${column} = ? limit 1`, [tenantId, value]);
    return rows[0] && personOf(rows[0]);
  }

  /** Whether graph-sync synced this tenant's directory (else `allUsers` means those who installed). */
  async synced(em: EntityManager, tenantId: string): Promise<boolean> {
    return (await em.execute<unknown[]>('select 1 from directory_people where tenant_id = ? limit 1', [tenantId])).length > 0;
  }

  /** Every user of the tenant's directory, in pages. */
  async *everyone(em: EntityManager, tenantId: string): AsyncGenerator<Resolution[]> {
    let after = '';
    for (;;) {
      const rows = await em.execute<PersonRow[]>(
        `select aad_object_id, guest, account_enabled from directory_people where tenant_id = ? and aad_object_id > ? order by aad_object_id limit ${PAGE}`,
        [tenantId, after],
      );
      if (rows.length > 0) yield await this.people(em, tenantId, rows.map(personOf));
      if (rows.length < PAGE) return;
      after = rows.at(-1)!.aad_object_id;
    }
  }

  /** The group's transitive members (users), page by page from graph-sync; Graph busy or graph-sync down: the resolution is tried again later. */
  async *group(em: EntityManager, tenantId: string, groupId: string, cause: Pick<Metadata, 'id' | 'correlationId'>): AsyncGenerator<Resolution[]> {
    let after: string | undefined;
    do {
      const answer = await this.groupPage(tenantId, groupId, after, cause);
      if (answer.status === 'notFound' || answer.status === 'refused') {
        yield [{ kind: 'notInstalled', recipientKey: `group:${groupId}`, reason: answer.status === 'notFound' ? 'GroupNotFound' : answer.code }];
        return;
      }
      if (answer.status === 'unavailable') throw new RetryLaterError(`group ${groupId}'s members are unavailable (${answer.code})`, Math.max(answer.retryInMs, 1_000));
      const members = answer.members.map((m) => ({ aadObjectId: m.userId, guest: isGuest(m.userType), disabled: m.accountEnabled === false }));
      if (members.length > 0) yield await this.people(em, tenantId, members);
      after = answer.next;
    } while (after);
  }

  /** One resolution per person: skipped (guest, disabled), their working personal chat, or the app installed for them. */
  async people(em: EntityManager, tenantId: string, people: readonly DirectoryPerson[]): Promise<Resolution[]> {
    const chats = await this.personalChats(em, tenantId, people.map((p) => p.aadObjectId));
    return people.map((person) => {
      const chat = chats.get(person.aadObjectId);
      const recipientKey = chat?.conversation_id ?? `aad:${person.aadObjectId}`;
      if (person.guest || (this.policy.skipGuests && chat?.guest_role)) return { kind: 'skipped', recipientKey, reason: 'guest' };
      if (person.disabled) return { kind: 'skipped', recipientKey, reason: 'disabled' };
      const personRef = { aadObjectId: person.aadObjectId, ...(chat?.user_id ? { userId: chat.user_id } : {}) };
      // No chat, or one the bot was removed from or Teams refused since: graph-sync installs the app (again) and answers the chat.
      if (!chat?.installed || chat.stale) return { kind: 'deliver', recipientKey, target: { tenantId, installForAadObjectId: person.aadObjectId }, person: personRef };
      return { kind: 'deliver', recipientKey, target: chat.target, person: personRef };
    });
  }

  private async groupPage(tenantId: string, groupId: string, after: string | undefined, cause: Pick<Metadata, 'id' | 'correlationId'>) {
    try {
      return await this.graphSync.groupMembers(tenantId, groupId, after, cause);
    } catch (error) {
      if (error instanceof GraphSyncUnavailableError) throw new RetryLaterError(error.message, 5_000, { cause: error });
      throw error;
    }
  }

  /** Each person's best personal chat in the tenant: an installed one first, then the latest installed. */
  private async personalChats(em: EntityManager, tenantId: string, aadObjectIds: readonly string[]): Promise<Map<string, PersonalChat & { target: { serviceUrl: string; conversationId: string; tenantId: string } }>> {
    const rows = await em.execute<(PersonalChat & { service_url: string })[]>(
      `select distinct on (c.user_aad_object_id) c.conversation_id, c.user_id, c.user_aad_object_id as aad, c.installed, c.service_url,
         (s.conversation_id is not null) as stale, coalesce(p.user_role = 'guest', false) as guest_role
       from ${CONVERSATIONS_WITH_STANDING}
       where c.kind = 'personal' and c.tenant_id = ? and c.user_aad_object_id in (select jsonb_array_elements_text(?::jsonb))
       order by c.user_aad_object_id, c.installed desc, c.installed_at desc nulls last`,
      [tenantId, JSON.stringify(aadObjectIds)],
    );
    return new Map(rows.map((row) => [row.aad, { ...row, target: { serviceUrl: row.service_url, conversationId: row.conversation_id, tenantId } }]));
  }
}

type PersonRow = { aad_object_id: string; guest: boolean; account_enabled: boolean };

function personOf(row: PersonRow): DirectoryPerson {
  return { aadObjectId: row.aad_object_id, guest: row.guest, disabled: !row.account_enabled };
}
