import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { personalChatRequestSchema, SUBJECTS, type PersonalChatAnswer } from '@herald/contracts';
import { PersonalChats } from './personal-chats.js';

/** `graph.request.personal-chat`: the bot's personal chat with an Entra user, installing the app first when Graph shows none. */
@Controller()
export class PersonalChatHandler {
  constructor(@Inject(PersonalChats) private readonly chats: PersonalChats) {}

  @MessagePattern(SUBJECTS.personalChatRequest)
  answer(@Payload() payload: unknown): Promise<PersonalChatAnswer> {
    return this.chats.chat(personalChatRequestSchema.parse(payload).data);
  }
}
