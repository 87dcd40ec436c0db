import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { activityReceivedSchema, SUBJECTS, type InvokeResponse } from '@herald/contracts';
import { LOGGER, type Logger } from '@herald/telemetry';
import { signinAnswer } from './signin-answers.js';

/** `signin/*` invokes the gateway forwards (request/reply). */
@Controller()
export class AnswerSigninHandler {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  @MessagePattern(SUBJECTS.authInvoke)
  answer(@Payload() payload: unknown): InvokeResponse {
    const { activity } = activityReceivedSchema.parse(payload).data;
    const answer = signinAnswer(activity);
    this.logger.info({ invoke: activity.name, status: answer.status, activityId: activity.id }, 'sign-in invoke answered');
    return answer;
  }
}
