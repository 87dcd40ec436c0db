import { ConfigError, DEV_APP_ID, DEV_APP_SECRET, DEV_GATEWAY_URL, DEV_SIM_URL } from '@herald/config';

/** teams-sim's settings when it runs on its own (`npm run sim`). */
export interface TeamsSimConfig {
  readonly port: number;
  readonly host: string;
  readonly botEndpoint: string;
  readonly appId: string;
  readonly appPassword: string;
  /** Entra's metadata over https on this port (TEAMS_SIM_ENTRA_HTTPS_PORT; default the http port + 1). */
  readonly entraHttps: { port: number };
  /** Where to write the https certificate for clients to trust (TEAMS_SIM_CA_FILE), if anywhere. */
  readonly caFile: string | undefined;
}

type Env = Record<string, string | undefined>;
const value = (env: Env, name: string): string | undefined => (env[name]?.trim() ? env[name]?.trim() : undefined);

function parsePort(raw: string | undefined, problems: string[]): number {
  const fallback = Number(new URL(DEV_SIM_URL).port);
  if (raw === undefined) return fallback;
  const port = Number(raw);
  if (Number.isInteger(port) && port >= 0 && port <= 65535) return port;
  problems.push('TEAMS_SIM_PORT: must be an integer from 0 to 65535');
  return fallback;
}

function parseUrl(name: string, raw: string, problems: string[]): string {
  try {
    const url = new URL(raw);
    if (url.protocol === 'http:' || url.protocol === 'https:') return raw;
  } catch {
    // reported below
  }
  problems.push(`${name}: must be an http(s) URL`);
  return raw;
}

/**
 * Reads TEAMS_SIM_PORT (default 3990), TEAMS_SIM_HOST (default 127.0.0.1), BOT_ENDPOINT (default the dev gateway's
 * /api/messages) and MICROSOFT_APP_ID / MICROSOFT_APP_PASSWORD (default the dev-mode registration). Every invalid
 * variable is reported in one ConfigError.
 */
export function parseTeamsSimConfig(env: Env): TeamsSimConfig {
  const problems: string[] = [];
  const port = parsePort(value(env, 'TEAMS_SIM_PORT'), problems);
  const botEndpoint = parseUrl('BOT_ENDPOINT', value(env, 'BOT_ENDPOINT') ?? `${DEV_GATEWAY_URL}/api/messages`, problems);
  const appId = value(env, 'MICROSOFT_APP_ID');
  const appPassword = value(env, 'MICROSOFT_APP_PASSWORD');
  if (appId !== undefined && appPassword === undefined) {
    problems.push('MICROSOFT_APP_PASSWORD: required when MICROSOFT_APP_ID is set');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({
    port,
    host: value(env, 'TEAMS_SIM_HOST') ?? '127.0.0.1',
    botEndpoint,
    appId: appId ?? DEV_APP_ID,
    appPassword: appPassword ?? DEV_APP_SECRET,
    entraHttps: { port: value(env, 'TEAMS_SIM_ENTRA_HTTPS_PORT') ? Number(value(env, 'TEAMS_SIM_ENTRA_HTTPS_PORT')) : port === 0 ? 0 : port + 1 },
    caFile: value(env, 'TEAMS_SIM_CA_FILE'),
  });
}
