import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { accountRequestedSchema, SUBJECTS, type AccountAnswer } from '@herald/contracts';
import { REDEEM_CODE } from './answer-signin.handler.js';
import { redeemCode, type RedeemCodeDeps } from './redeem-code.js';

/** A 6-digit code the person typed in the chat (router → auth): where the sign-in page's window did not close by itself. */
@Controller()
export class AnswerSigninCodeHandler {
  constructor(@Inject(REDEEM_CODE) private readonly codes: RedeemCodeDeps) {}

  @MessagePattern(SUBJECTS.signinCodeRequest)
  async answer(@Payload() payload: unknown): Promise<AccountAnswer> {
    const { activity } = accountRequestedSchema.parse(payload).data;
    const outcome = await redeemCode(activity, (activity.text ?? '').trim(), this.codes);
    return { activity: { type: 'message', textFormat: 'plain', text: outcome.text } };
  }
}
