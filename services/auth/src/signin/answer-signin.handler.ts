import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { activityReceivedSchema, SUBJECTS, type InvokeResponse } from '@herald/contracts';
import { LOGGER, type Logger } from '@herald/telemetry';
import { exchangeToken, type TokenExchangeDeps } from './exchange-token.js';
import { verifyState, type RedeemCodeDeps } from './redeem-code.js';
import { otherSigninAnswer } from './signin-answers.js';

export const TOKEN_EXCHANGE = Symbol('TokenExchangeDeps');
export const REDEEM_CODE = Symbol('RedeemCodeDeps');

/** `signin/*` invokes the gateway forwards (request/reply). */
@Controller()
export class AnswerSigninHandler {
  constructor(
    @Inject(TOKEN_EXCHANGE) private readonly exchange: TokenExchangeDeps,
    @Inject(REDEEM_CODE) private readonly codes: RedeemCodeDeps,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @MessagePattern(SUBJECTS.authInvoke)
  async answer(@Payload() payload: unknown): Promise<InvokeResponse> {
    const received = activityReceivedSchema.parse(payload);
    const { activity } = received.data;
    const answer =
      activity.name === 'signin/tokenExchange' ? await exchangeToken(received, this.exchange)
      : activity.name === 'signin/verifyState' ? await verifyState(received, this.codes)
      : otherSigninAnswer(activity);
    this.logger.info({ invoke: activity.name, status: answer.status, activityId: activity.id }, 'sign-in invoke answered');
    return answer;
  }
}
