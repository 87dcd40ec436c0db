import type { DeliveryTarget, Metadata, Recipient } from '@herald/contracts';
import type { EntityManager, MikroORM } from '@herald/persistence';
import type { DirectoryRecipients } from '../directory/directory-recipients.js';

/** Where one recipient's copy goes, or why it cannot go anywhere yet. */
export type Resolution =
  | { kind: 'deliver'; recipientKey: string; target: DeliveryTarget; person?: { userId?: string; aadObjectId?: string } }
  | { kind: 'notInstalled'; recipientKey: string; reason: string }
  | { kind: 'skipped'; recipientKey: string; reason: 'guest' | 'disabled' | 'notLinked' };

type Row = { stale_code: string | null; user_role: string | null; conversation_id: string; kind: string; tenant_id: string | null; service_url: string; bot_id: string | null; user_id: string | null; user_aad_object_id: string | null; installed: boolean };

const PAGE = 1_000;

/**
 * Known conversations (`c`) with their standing: `s` when refused for good (403/404) since last
 * installed — stale, not sent to until installed again — and `p`, the person as profiled.
 */
export const CONVERSATIONS_WITH_STANDING = `known_conversations c
  left join stale_conversations s on s.conversation_id = c.conversation_id and (c.installed_at is null or s.refused_at >= c.installed_at)
  left join known_people p on p.user_id = c.user_id`;

const SELECT = `select c.*, s.code as stale_code, p.user_role from ${CONVERSATIONS_WITH_STANDING}`;

/**
 * Resolves API recipients against `known_conversations` and, for a tenant graph-sync syncs, its
 * directory: one resolution per conversation or person (a person named twice gets one copy), in
 * pages, so `allUsers` and a group never load every row at once.
 */
export class RecipientDirectory {
  constructor(
    private readonly database: MikroORM,
    private readonly directory: DirectoryRecipients,
    private readonly policy: { skipGuests: boolean } = { skipGuests: false },
  ) {}

  /** `cause`: the notification's metadata (graph-sync's requests are caused by it). */
  async *resolve(recipients: readonly Recipient[], cause: Pick<Metadata, 'id' | 'correlationId'>): AsyncGenerator<Resolution[]> {
    const em = this.database.em.fork();
    for (const recipient of recipients) {
      if ('allUsers' in recipient) {
        yield* this.allUsers(em, recipient.tenantId);
      } else if ('groupId' in recipient) {
        if (!recipient.tenantId) yield [{ kind: 'notInstalled', recipientKey: `group:${recipient.groupId}`, reason: 'TenantUnknown' }];
        else yield* this.directory.group(em, recipient.tenantId, recipient.groupId, cause);
      } else {
        yield [await this.one(em, recipient)];
      }
    }
  }

  private async one(em: EntityManager, recipient: Recipient): Promise<Resolution> {
    if ('conversationId' in recipient) {
      const row = await first(em, 'c.conversation_id = ?', [recipient.conversationId], recipient.tenantId);
      return row?.installed ? this.toConversation(row) : { kind: 'notInstalled', recipientKey: recipient.conversationId, reason: row ? 'Uninstalled' : 'ConversationUnknown' };
    }
    if ('teamId' in recipient) {
      const { teamId } = recipient;
      const channelId = 'channelId' in recipient ? recipient.channelId : teamId;
      const team = await first(em, 'c.installed and (c.team_id = ? or c.conversation_id = ?)', [teamId, teamId], recipient.tenantId);
      if (!team) return { kind: 'notInstalled', recipientKey: channelId, reason: 'TeamUnknown' };
      if (!(await isChannelOf(em, channelId, teamId))) return { kind: 'notInstalled', recipientKey: channelId, reason: 'ChannelUnknown' };
      return { kind: 'deliver', recipientKey: channelId, target: targetOf(team, channelId) };
    }
    if ('userId' in recipient) {
      const personal = await first(em, "c.kind = 'personal' and c.user_id = ?", [recipient.userId], recipient.tenantId);
      if (personal) return personal.installed ? this.toConversation(personal) : { kind: 'notInstalled', recipientKey: personal.conversation_id, reason: 'Uninstalled' };
      // No chat yet: create one through any conversation of the tenant (same serviceUrl, same bot).
      const tenantId = recipient.tenantId;
      const peer = tenantId ? await first(em, 'c.installed and c.tenant_id = ?', [tenantId]) : undefined;
      if (!peer || !tenantId) return { kind: 'notInstalled', recipientKey: `user:${recipient.userId}`, reason: 'NoConversation' };
      return { kind: 'deliver', recipientKey: `user:${recipient.userId}`, target: { serviceUrl: peer.service_url, tenantId, createWithUserId: recipient.userId, ...(peer.bot_id ? { botId: peer.bot_id } : {}) }, person: { userId: recipient.userId } };
    }
    if ('upn' in recipient) return this.byUpn(em, recipient.upn, recipient.tenantId);
    if ('aadObjectId' in recipient) return this.byAadObjectId(em, recipient.aadObjectId, recipient.tenantId);
    return { kind: 'notInstalled', recipientKey: JSON.stringify(recipient), reason: 'Unsupported' };
  }

  /**
   * The person of the tenant's directory (skipped when a guest or disabled; the app installed for
   * them when Herald has no working chat), else their chat, else the Teams user signed in as that
   * account (a guest, another tenant's account).
   */
  private async byAadObjectId(em: EntityManager, aadObjectId: string, tenantId: string | undefined): Promise<Resolution> {
    const inDirectory = tenantId && (await this.directory.person(em, tenantId, { aadObjectId }));
    if (tenantId && inDirectory) return (await this.directory.people(em, tenantId, [inDirectory]))[0]!;
    const personal = await first(em, "c.kind = 'personal' and c.user_aad_object_id = ?", [aadObjectId], tenantId);
    if (personal?.installed) return this.toConversation(personal);
    const linked = await first(em, "c.kind = 'personal' and c.installed and c.user_id in (select teams_user_id from linked_people where linked and aad_object_id = ?)", [aadObjectId], tenantId);
    if (linked) return this.toConversation(linked);
    return { kind: 'notInstalled', recipientKey: personal?.conversation_id ?? `aad:${aadObjectId}`, reason: personal ? 'Uninstalled' : 'NoConversation' };
  }

  /**
   * The person signed in as that UPN, else the one the tenant's directory knows by it, else the one the member API gave that UPN. Someone known
   * by it only through a link they ended (`signout`) is not reached: Skipped(notLinked).
   */
  private async byUpn(em: EntityManager, upn: string, tenantId: string | undefined): Promise<Resolution> {
    const key = `upn:${upn.toLowerCase()}`;
    const linked = await first(em, "c.kind = 'personal' and c.installed and c.user_id in (select teams_user_id from linked_people where linked and upn = lower(?))", [upn], tenantId);
    if (linked) return this.toConversation(linked);
    const inDirectory = tenantId && (await this.directory.person(em, tenantId, { upn }));
    if (tenantId && inDirectory) return (await this.directory.people(em, tenantId, [inDirectory]))[0]!;
    const profiled = await first(em, "c.kind = 'personal' and c.installed and p.upn = lower(?)", [upn], tenantId);
    if (profiled) return this.toConversation(profiled);
    const inTenant = tenantId === undefined ? '' : ' and tenant_id = ?';
    const formerlyLinked = await em.execute<unknown[]>(`select 1 from linked_people where not linked and upn = lower(?)${inTenant} limit 1`, tenantId === undefined ? [upn] : [upn, tenantId]);
    if (formerlyLinked.length > 0) return { kind: 'skipped', recipientKey: key, reason: 'notLinked' };
    return { kind: 'notInstalled', recipientKey: key, reason: 'UpnUnknown' };
  }

  /** The tenant's directory when graph-sync syncs it, else everyone who installed the app. */
  private async *allUsers(em: EntityManager, tenantId: string | undefined): AsyncGenerator<Resolution[]> {
    if (tenantId && (await this.directory.synced(em, tenantId))) {
      yield* this.directory.everyone(em, tenantId);
      return;
    }
    let after = '';
    for (;;) {
      const rows = await em.execute<Row[]>(
        `${SELECT} where c.kind = 'personal' and c.installed and c.conversation_id > ? ${tenantId ? 'and c.tenant_id = ?' : ''} order by c.conversation_id limit ${PAGE}`,
        tenantId ? [after, tenantId] : [after],
      );
      if (rows.length > 0) yield rows.map((row) => this.toConversation(row));
      if (rows.length < PAGE) return;
      after = rows.at(-1)!.conversation_id;
    }
  }

  private toConversation(row: Row): Resolution {
    if (row.stale_code) return { kind: 'notInstalled', recipientKey: row.conversation_id, reason: `Stale:${row.stale_code}` };
    if (this.policy.skipGuests && row.user_role === 'guest') return { kind: 'skipped', recipientKey: row.conversation_id, reason: 'guest' };
    const person = row.kind === 'personal' ? { ...(row.user_id ? { userId: row.user_id } : {}), ...(row.user_aad_object_id ? { aadObjectId: row.user_aad_object_id } : {}) } : undefined;
    return { kind: 'deliver', recipientKey: row.conversation_id, target: targetOf(row, row.conversation_id), ...(person ? { person } : {}) };
  }
}

/** The best row matching `where`; in `tenantId` only, when the recipient names one (a tenant-restricted caller always does). */
async function first(em: EntityManager, where: string, params: unknown[], tenantId?: string): Promise<Row | undefined> {
  const inTenant = tenantId === undefined ? '' : ' and c.tenant_id = ?';
  const rows = await em.execute<Row[]>(`${SELECT} where (${where})${inTenant} order by c.installed desc limit 1`, tenantId === undefined ? params : [...params, tenantId]);
  return rows[0];
}

/**
 * The team's General channel (its id is the team's), a channel Teams announced in that team, or
 * one Herald was installed or spoken to in as part of that team. Any other id may be another
 * team's — another tenant's — channel: Herald never posts there on the word of the caller.
 */
async function isChannelOf(em: EntityManager, channelId: string, teamId: string): Promise<boolean> {
  if (channelId === teamId) return true;
  const rows = await em.execute<unknown[]>(
    `select 1 from known_channels where channel_id = ? and team_id = ? and not deleted
     union all select 1 from known_conversations where conversation_id = ? and team_id = ? limit 1`,
    [channelId, teamId, channelId, teamId],
  );
  return rows.length > 0;
}

function targetOf(row: Row, conversationId: string): DeliveryTarget {
  return { serviceUrl: row.service_url, conversationId, ...(row.tenant_id ? { tenantId: row.tenant_id } : {}) };
}
