import { metadataFor, SUBJECTS, userEventSchema, type SignInUser, type UserEvent } from '@herald/contracts';
import { handleCommand, subjectToken, type EventStore } from '@herald/event-sourcing';
import { userLinkDecider, type UserLinkState } from './user-link.decider.js';

/** Each Teams user's link to the account they signed in with, kept as events on their own subject in USERS. */
export class UserBook {
  constructor(private readonly events: EventStore) {}

  async linkOf(teamsUserId: string): Promise<UserLinkState['linked']> {
    const { events } = await this.events.read(this.subjectOf(teamsUserId), (raw) => userEventSchema.parse(raw));
    return events.reduce((state, { event }) => userLinkDecider.evolve(state, event), userLinkDecider.initialState()).linked;
  }

  /** Links the account; the events it caused (none when already linked to it). `cause.id` makes a repeat a no-op. */
  signIn(account: SignInUser['data'], cause: { id: string; now: Date }): Promise<UserEvent[]> {
    return this.handle({ type: 'SignInUser', data: account, metadata: metadataFor({ id: cause.id, occurredAt: cause.now }) });
  }

  /** Ends the link; the UserSignedOut it caused, if the person was signed in. */
  signOut(person: { teamsUserId: string }, cause: { id: string; now: Date }): Promise<UserEvent[]> {
    return this.handle({ type: 'SignOutUser', data: person, metadata: metadataFor({ id: cause.id, occurredAt: cause.now }) });
  }

  private async handle(command: Parameters<typeof userLinkDecider.decide>[0]): Promise<UserEvent[]> {
    const subject = this.subjectOf(command.data.teamsUserId);
    const { events } = await handleCommand(this.events, userLinkDecider, { subject, parse: (raw) => userEventSchema.parse(raw) }, command);
    return events;
  }

  private subjectOf(teamsUserId: string): string {
    return SUBJECTS.user(subjectToken(teamsUserId));
  }
}
