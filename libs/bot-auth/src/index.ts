export { AuthError } from './auth-error.js';
export { ChannelTokenVerifier, sameServiceUrl, type ChannelTokenOptions } from './channel-token.verifier.js';
