import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { activityReceivedSchema, SUBJECTS, type InvokeResponse } from '@herald/contracts';
import { answerCardAction } from '../card-actions/answer-card-action.js';
import { AppCardActions } from '../card-actions/app-card-actions.js';
import { asInvokeResponse } from '../card-actions/card-answer.js';
import { SettingsClient } from '../card-actions/settings-client.js';
import { SubscriptionBook } from '../subscriptions/subscription-book.js';
import { invokeAnswer } from './invoke-answers.js';

/** Invokes the gateway forwards (request/reply): card actions, dialogs, message extensions, file consent. */
@Controller()
export class AnswerInvokeHandler {
  constructor(
    @Inject(SubscriptionBook) private readonly subscriptions: SubscriptionBook,
    @Inject(SettingsClient) private readonly settings: SettingsClient,
    @Inject(AppCardActions) private readonly apps: AppCardActions,
  ) {}

  @MessagePattern(SUBJECTS.routerInvoke)
  async answer(@Payload() payload: unknown): Promise<InvokeResponse> {
    const received = activityReceivedSchema.parse(payload);
    const { activity } = received.data;
    if (activity.name !== 'adaptiveCard/action') return invokeAnswer(activity);
    const context = { subscriptions: this.subscriptions, settings: this.settings, apps: this.apps, causeId: received.metadata.id, now: new Date() };
    return asInvokeResponse(await answerCardAction(activity, context));
  }
}
