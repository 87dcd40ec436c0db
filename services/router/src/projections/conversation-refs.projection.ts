import { Controller, Inject } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { CONSUMERS, conversationEventSchema, SUBJECTS, type ConversationEvent } from '@herald/contracts';
import { JetStreamContext, JetStreamEventPattern } from '@herald/messaging';
import { applyOnce, DATABASE, type EntityManager, type MikroORM } from '@herald/persistence';
import { ConversationRef } from './conversation-ref.entity.js';

export const CONVERSATION_REFS = 'conversation-refs';

/** Projects conversation events into `conversation_refs`; the checkpoint makes redelivery a no-op. */
@Controller()
export class ConversationRefsProjection {
  constructor(@Inject(DATABASE) private readonly database: MikroORM) {}

  @JetStreamEventPattern(SUBJECTS.conversations, { durable: CONSUMERS.routerConversationRefs })
  async handle(@Payload() payload: unknown, @Ctx() context: JetStreamContext): Promise<void> {
    const event = conversationEventSchema.parse(payload);
    await applyOnce(this.database, { projection: CONVERSATION_REFS, sequence: context.streamSequence }, (em) => project(em, event));
  }
}

/** One event's effect on the rows; events that change no column of a reference are skipped. */
export async function project(em: EntityManager, event: ConversationEvent): Promise<void> {
  const at = new Date(event.metadata.occurredAt);
  const where = { conversationId: event.data.conversationId };
  switch (event.type) {
    case 'ConversationInstalled': {
      const { data } = event;
      await em.upsert(ConversationRef, {
        ...where,
        kind: data.kind,
        tenantId: data.tenantId ?? null,
        serviceUrl: data.serviceUrl,
        botId: data.botId ?? null,
        userId: data.user?.id ?? null,
        userAadObjectId: data.user?.aadObjectId ?? null,
        teamId: data.team?.id ?? null,
        teamName: data.team?.name ?? null,
        channelId: data.channel?.id ?? null,
        channelName: data.channel?.name ?? null,
        installed: true,
        lastActivityAt: at,
      });
      return;
    }
    case 'ConversationUninstalled':
      await em.nativeUpdate(ConversationRef, where, { installed: false, lastActivityAt: at });
      return;
    case 'ServiceUrlChanged':
      await em.nativeUpdate(ConversationRef, where, { serviceUrl: event.data.serviceUrl, lastActivityAt: at });
      return;
    case 'ChannelRenamed':
      await em.nativeUpdate(ConversationRef, { channelId: event.data.channel.id }, { channelName: event.data.channel.name });
      return;
    case 'TeamRenamed':
      await em.nativeUpdate(ConversationRef, { teamId: event.data.team.id }, { teamName: event.data.team.name });
      return;
    case 'MembersJoined':
    case 'MembersLeft':
    case 'ChannelCreated':
    case 'ChannelDeleted':
    case 'ChannelRestored':
    case 'TeamArchived':
    case 'TeamUnarchived':
    case 'TeamDeleted':
    case 'TeamHardDeleted':
    case 'TeamRestored':
      await em.nativeUpdate(ConversationRef, where, { lastActivityAt: at });
      return;
    default: {
      const unexpected: never = event;
      throw new Error(`unhandled conversation event ${(unexpected as ConversationEvent).type}`);
    }
  }
}
