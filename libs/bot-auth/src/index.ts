export { AuthError, type AuthCheck } from './auth-error.js';
export type { InboundTokenOptions } from './inbound-token.options.js';
export { InboundTokenVerifier, type InboundRequest, type VerifiedCaller } from './inbound-token.verifier.js';
export type { AuthenticatedActivity } from './request/authenticated-activity.js';
export type { CallerPath } from './token-routes.js';
export type { VerifiedToken } from './verify-token.js';
export { ApiTokenVerifier, type ApiCaller, type ApiTokenOptions } from './api-token.verifier.js';
export { OidcSignin, type BrowserRequest, type OidcAccount, type OidcOutcome, type OidcSigninOptions } from './oauth/oidc-signin.js';
export { SigninStates, SIGNIN_STATE_LIFETIME_MS, type SigninState } from './oauth/signin-state.js';
