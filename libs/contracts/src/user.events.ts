import { z } from 'zod';
import { inboundActivitySchema, outboundActivitySchema } from './activity.js';
import { messageSchema } from './envelope.js';

/**
 * The link between a Teams user and the account they signed in with (auth's user aggregate):
 * events on `auth.user.<subject token of the Teams user id>` (USERS). Only who they are is kept,
 * never a token: no feature of Herald calls an API on the person's behalf after sign-in.
 */
const teamsUser = {
  /** The `29:` id of the person in this bot's conversations. */
  teamsUserId: z.string().min(1),
  tenantId: z.string().min(1),
};

/** How the person proved who they are. */
export const signInMethodSchema = z.enum(['sso', 'oauth']);
export type SignInMethod = z.infer<typeof signInMethodSchema>;

export const userSignedInSchema = messageSchema(
  'UserSignedIn',
  z.object({
    ...teamsUser,
    /** The Entra object id of the account signed in with (Graph `/me` id). */
    aadObjectId: z.string().min(1),
    upn: z.string().min(1),
    displayName: z.string(),
    method: signInMethodSchema,
  }),
);
export type UserSignedIn = z.infer<typeof userSignedInSchema>;

export const userSignedOutSchema = messageSchema('UserSignedOut', z.object({ ...teamsUser, aadObjectId: z.string().min(1), upn: z.string().min(1) }));
export type UserSignedOut = z.infer<typeof userSignedOutSchema>;

export const userEventSchema = z.discriminatedUnion('type', [userSignedInSchema, userSignedOutSchema]);
export type UserEvent = z.infer<typeof userEventSchema>;

/** Command: link the Teams user to the account they proved (SSO exchange or OAuth code). */
export const signInUserSchema = messageSchema('SignInUser', userSignedInSchema.shape.data);
export type SignInUser = z.infer<typeof signInUserSchema>;

/** Command: the person asked to be signed out. */
export const signOutUserSchema = messageSchema('SignOutUser', z.object({ teamsUserId: teamsUser.teamsUserId }));
export type SignOutUser = z.infer<typeof signOutUserSchema>;

export type UserCommand = SignInUser | SignOutUser;

/**
 * Request/reply, router → auth (`SUBJECTS.signinRequest`, `SUBJECTS.signoutRequest`): the person
 * typed `signin` or `signout`; the answer is the activity to reply with (an OAuth card, a text).
 */
export const accountRequestedSchema = messageSchema('AccountRequested', z.object({ activity: inboundActivitySchema }));
export type AccountRequested = z.infer<typeof accountRequestedSchema>;
export const accountAnswerSchema = z.object({ activity: outboundActivitySchema });
export type AccountAnswer = z.infer<typeof accountAnswerSchema>;

/** A replica took one `signin/tokenExchange` (its `value.id`, from one Teams user) on; another may take it over once it is stale. */
export const tokenExchangeClaimedSchema = messageSchema('TokenExchangeClaimed', z.object({ exchangeId: z.string() }));
export type TokenExchangeClaimed = z.infer<typeof tokenExchangeClaimedSchema>;

/** How one `signin/tokenExchange` (by its `value.id`) ended, for the replicas that got the same exchange. */
export const tokenExchangeSettledSchema = messageSchema('TokenExchangeSettled', z.object({ exchangeId: z.string(), status: z.number().int() }));
export type TokenExchangeSettled = z.infer<typeof tokenExchangeSettledSchema>;

/**
 * The OAuth fallback's 6-digit code, issued once the person signed in in the browser: bound to the
 * Teams user who started, valid for 5 minutes, redeemed once (`signin/verifyState` or typed).
 */
export const signinCodeIssuedSchema = messageSchema(
  'SigninCodeIssued',
  z.object({
    teamsUserId: z.string().min(1),
    conversationId: z.string().min(1),
    account: z.object({ aadObjectId: z.string().min(1), tenantId: z.string().min(1), upn: z.string().min(1), displayName: z.string() }),
    expiresAt: z.iso.datetime({ offset: true }),
  }),
);
export type SigninCodeIssued = z.infer<typeof signinCodeIssuedSchema>;
