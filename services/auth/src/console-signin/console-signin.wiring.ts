import { createHash } from 'node:crypto';
import type { AuthConfig } from '../auth.config.js';
import { ConsoleEntraClient } from './console-entra.client.js';
import type { ConsoleSigninDeps } from './console-signin.controller.js';
import { ConsoleSigninStates } from './console-signin-state.js';

/** The console's browser sign-in, when browsers can reach this service (AUTH_PUBLIC_URL) and the console's URL is known. */
export function consoleSigninOf(config: AuthConfig): ConsoleSigninDeps | undefined {
  const { signin, microsoft } = config;
  const { consoleUrl, apiScope, authority } = config.console;
  if (!signin.publicUrl || !consoleUrl) return undefined;
  const entra = new ConsoleEntraClient({
    authorityHost: microsoft.authorityHost,
    authority,
    appId: microsoft.appId,
    appPassword: microsoft.appPassword,
    redirectUrl: `${signin.publicUrl}/auth/console/callback`,
    apiScope,
    allowedTenantIds: microsoft.allowedTenantIds,
  });
  const secret = createHash('sha256').update(`console\u0000${signin.stateSecret}`).digest('base64url');
  return { states: new ConsoleSigninStates(secret), entra, consoleUrl, publicUrl: signin.publicUrl };
}
