import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { accountRequestedSchema, SUBJECTS, type AccountAnswer } from '@herald/contracts';
import { botTranslatorFor } from '@herald/i18n';
import { LOGGER, type Logger } from '@herald/telemetry';
import { UserBook } from '../users/user-book.js';

/** `signout` (router → auth): the link to the account ends; Herald kept no token to delete. */
@Controller()
export class AnswerSignoutRequestHandler {
  constructor(
    @Inject(UserBook) private readonly users: UserBook,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @MessagePattern(SUBJECTS.signoutRequest)
  async answer(@Payload() payload: unknown): Promise<AccountAnswer> {
    const request = accountRequestedSchema.parse(payload);
    const { activity } = request.data;
    const events = await this.users.signOut({ teamsUserId: activity.from.id }, { id: request.metadata.id, now: new Date() });
    const ended = events.find((event) => event.type === 'UserSignedOut');
    const t = botTranslatorFor(activity);
    if (!ended) return { activity: { type: 'message', textFormat: 'plain', text: t('signout.notSignedIn') } };
    this.logger.info({ activityId: activity.id }, 'signed out');
    return { activity: { type: 'message', textFormat: 'plain', text: t('signout.signedOut', { upn: ended.data.upn }) } };
  }
}
