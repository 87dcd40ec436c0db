import { SUBJECTS } from '@herald/contracts';

/**
 * Which service answers an invoke: sign-in to auth; card actions, dialogs (task/*), message
 * extensions (composeExtension/*), file consent — and anything unknown — to the router.
 */
export function invokeOwnerSubject(name: string | undefined): string {
  return name?.startsWith('signin/') ? SUBJECTS.authInvoke : SUBJECTS.routerInvoke;
}
