import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { cardDataOf, cardVerbOf, inboundActivitySchema, SUBJECTS, type InboundActivity } from '@herald/contracts';
import { DATABASE, type MikroORM } from '@herald/persistence';
import { LOGGER, type Logger } from '@herald/telemetry';
import { z } from 'zod';
import { CallbackClient } from '../callbacks/callback.client.js';
import { postSignedCallback } from './signed-callback.js';

export const CALLBACK_SECRETS = Symbol('CALLBACK_SECRETS');

type Answer = { card: Record<string, unknown> } | { text: string };
const appAnswerSchema = z.union([z.object({ card: z.looseObject({ type: z.literal('AdaptiveCard') }) }), z.object({ text: z.string().min(1) })]);

/**
 * The router's extension point for card verbs Herald does not own (`apps.request.card-action`):
 * a card action on a notification goes to the notification's `callbackUrl`, signed with the
 * caller's secret (HMAC-SHA256 of the body), through the checked CallbackClient; the app's card
 * is the answer. An app that does not answer in 5 s, answers something else, redirects or answers
 * over 64 KiB, or whose URL may not be called, gets the person a friendly error card.
 */
@Controller()
export class ForwardCardActionHandler {
  constructor(
    @Inject(DATABASE) private readonly database: MikroORM,
    @Inject(CALLBACK_SECRETS) private readonly secrets: Readonly<Record<string, string>>,
    @Inject(CallbackClient) private readonly client: CallbackClient,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @MessagePattern(SUBJECTS.appCardAction)
  async answer(@Payload() payload: { data: { activity: unknown } }): Promise<Answer> {
    const activity = inboundActivitySchema.parse(payload.data.activity);
    const owner = await this.ownerOf(activity);
    if (!owner?.callback_url) return { text: 'This action is not available.' };
    const secret = this.secrets[owner.caller];
    if (!secret) {
      this.logger.warn({ notificationId: owner.notification_id, caller: owner.caller }, 'card action of a caller whose key is gone; not forwarded');
      return { text: 'This action is not available.' };
    }
    const body = JSON.stringify(callbackBody(owner.notification_id, activity));
    try {
      const response = await postSignedCallback(this.client, owner.callback_url, secret, body, { 'x-herald-notification-id': owner.notification_id });
      const answer = appAnswerSchema.safeParse(parseJson(response.body));
      if (response.ok && answer.success) return answer.data;
      this.logger.warn({ notificationId: owner.notification_id, status: response.status }, response.status >= 300 && response.status < 400 ? 'card action callback redirected; not followed' : 'card action callback answered without a card');
    } catch (error) {
      this.logger.warn({ err: error, notificationId: owner.notification_id }, 'card action callback failed');
    }
    return { card: errorCard() };
  }

  private async ownerOf(activity: InboundActivity) {
    if (!activity.replyToId) return undefined;
    const conversationId = activity.conversation.id.split(';')[0]!;
    const rows = await this.database.em.fork().execute<{ notification_id: string; caller: string; callback_url: string | null }[]>(
      `select s.notification_id, s.caller, s.callback_url from notification_recipients r join notification_status s on s.notification_id = r.notification_id
       where r.conversation_id = ? and r.activity_id = ? limit 1`,
      [conversationId, activity.replyToId],
    );
    return rows[0];
  }
}

/** What the app receives: the notification, the verb and inputs, who pressed it, where. */
function callbackBody(notificationId: string, activity: InboundActivity) {
  return {
    type: 'cardAction',
    notificationId,
    verb: cardVerbOf(activity) ?? null,
    data: cardDataOf(activity),
    user: { id: activity.from.id, aadObjectId: activity.from.aadObjectId ?? null, name: activity.from.name ?? null },
    conversationId: activity.conversation.id,
    messageId: activity.replyToId ?? null,
    tenantId: activity.conversation.tenantId ?? activity.channelData?.tenant?.id ?? null,
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function errorCard(): Record<string, unknown> {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [{ type: 'TextBlock', text: "The app behind this card didn't answer in time. Please try again in a moment.", wrap: true, color: 'Warning' }],
  };
}
