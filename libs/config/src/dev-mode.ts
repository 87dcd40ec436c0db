/**
 * Dev mode: with no MICROSOFT_APP_ID, Herald and teams-sim share this registration.
 * These are not secrets: they only ever authenticate against the local simulator.
 */
export const DEV_APP_ID = '00000000-0000-4000-8000-00000000b07a';
export const DEV_APP_SECRET = 'herald-dev-mode-simulator-only';
export const DEV_SIM_URL = 'http://127.0.0.1:3990';
export const DEV_GATEWAY_URL = 'http://127.0.0.1:3978';
/** The bot's app in teams-sim's Teams app catalog when it runs with DEV_APP_ID: graph-sync's TEAMS_APP_CATALOG_ID in dev mode. */
export const DEV_TEAMS_APP_CATALOG_ID = '7e3a9c1d-5b2f-4d8e-a6c4-00000000ca7a';
