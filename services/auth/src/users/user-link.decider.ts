import { deriveId, metadataFor, type SignInUser, type UserCommand, type UserEvent } from '@herald/contracts';

/** The account a Teams user is signed in with, if any. */
export interface UserLinkState {
  readonly linked?: { aadObjectId: string; upn: string; displayName: string; tenantId: string };
}

export const initialState = (): UserLinkState => ({});

export function evolve(state: UserLinkState, event: UserEvent): UserLinkState {
  switch (event.type) {
    case 'UserSignedIn':
      return { linked: { aadObjectId: event.data.aadObjectId, upn: event.data.upn, displayName: event.data.displayName, tenantId: event.data.tenantId } };
    case 'UserSignedOut':
      return {};
    default: {
      const unexpected: never = event;
      throw new Error(`unhandled user event ${(unexpected as { type: string }).type}`);
    }
  }
}

const sameAccount = (state: UserLinkState, data: SignInUser['data']): boolean =>
  state.linked?.aadObjectId === data.aadObjectId && state.linked.tenantId === data.tenantId && state.linked.upn === data.upn && state.linked.displayName === data.displayName;

/**
 * Signing in links the account (a new account, or a changed name, replaces the old link);
 * signing in again as the same account, or out when not signed in, changes nothing.
 */
export function decide(command: UserCommand, state: UserLinkState): UserEvent[] {
  const metadata = (type: string) =>
    metadataFor({ id: deriveId(type, command.metadata.id), cause: command.metadata, occurredAt: new Date(command.metadata.occurredAt), traceparent: command.metadata.traceparent });
  switch (command.type) {
    case 'SignInUser':
      return sameAccount(state, command.data) ? [] : [{ type: 'UserSignedIn', data: command.data, metadata: metadata('UserSignedIn') }];
    case 'SignOutUser': {
      if (!state.linked) return [];
      const { aadObjectId, upn, tenantId } = state.linked;
      return [{ type: 'UserSignedOut', data: { teamsUserId: command.data.teamsUserId, tenantId, aadObjectId, upn }, metadata: metadata('UserSignedOut') }];
    }
    default: {
      const unexpected: never = command;
      throw new Error(`unhandled user command ${(unexpected as { type: string }).type}`);
    }
  }
}

export const userLinkDecider = { initialState, evolve, decide };
