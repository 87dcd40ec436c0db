import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { activityReceivedSchema, SUBJECTS, type InvokeResponse } from '@herald/contracts';
import { invokeAnswer } from './invoke-answers.js';

/** Invokes the gateway forwards (request/reply): card actions, dialogs, message extensions, file consent. */
@Controller()
export class AnswerInvokeHandler {
  @MessagePattern(SUBJECTS.routerInvoke)
  answer(@Payload() payload: unknown): InvokeResponse {
    return invokeAnswer(activityReceivedSchema.parse(payload).data.activity);
  }
}
