import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { activityReceivedSchema, SUBJECTS, type InvokeResponse } from '@herald/contracts';
import { cardVerbOf } from '../dispatch/best-match.js';
import { SubscriptionBook } from '../subscriptions/subscription-book.js';
import { executeAnswer } from '../subscriptions/subscription-card-action.js';
import { invokeAnswer } from './invoke-answers.js';

/** Card verbs Herald owns, answered with the updated card. */
const SUBSCRIPTION_VERBS: Record<string, boolean> = { subscribe: true, unsubscribe: false };

/** Invokes the gateway forwards (request/reply): card actions, dialogs, message extensions, file consent. */
@Controller()
export class AnswerInvokeHandler {
  constructor(@Inject(SubscriptionBook) private readonly subscriptions: SubscriptionBook) {}

  @MessagePattern(SUBJECTS.routerInvoke)
  async answer(@Payload() payload: unknown): Promise<InvokeResponse> {
    const received = activityReceivedSchema.parse(payload);
    const { activity } = received.data;
    const verb = activity.name === 'adaptiveCard/action' ? cardVerbOf(activity) : undefined;
    if (verb !== undefined && verb in SUBSCRIPTION_VERBS) {
      return executeAnswer(this.subscriptions, activity, SUBSCRIPTION_VERBS[verb]!, { id: received.metadata.id, now: new Date() });
    }
    return invokeAnswer(activity);
  }
}
