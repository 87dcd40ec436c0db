/**
 * Dev mode: with no MICROSOFT_APP_ID, Herald and teams-sim share this registration.
 * These are not secrets: they only ever authenticate against the local simulator.
 */
export const DEV_APP_ID = '00000000-0000-4000-8000-00000000b07a';
export const DEV_APP_SECRET = 'herald-dev-mode-simulator-only';
export const DEV_SIM_URL = 'http://127.0.0.1:3990';
export const DEV_GATEWAY_URL = 'http://127.0.0.1:3978';
