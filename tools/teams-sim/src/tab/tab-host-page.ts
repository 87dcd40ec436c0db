import type { TabRequest } from './tab-context.js';

const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** JSON inside a <script> element: `<` escaped so no value can close the element. */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

/** What the host script needs: where the tab is, the context it hands out, who asks for tokens. */
export interface TabHostConfig {
  /** The tab's URL: the script frames it once it listens, so no message of the tab is missed. */
  readonly tabUrl: string;
  readonly tabOrigin: string;
  readonly context: Record<string, unknown>;
  readonly user: string;
  readonly tokenUrl: string;
  /** Where the host reports a configurable tab's saved configuration (its Save button, frame context `settings`). */
  readonly tabConfigUrl: string;
}

/** Teams' configuration dialog around a configurable tab's configuration page: Save stays off until the page says it is valid. */
const SAVE_BAR = `<footer><output id="tab-host-save-state" aria-live="polite"></output><button id="tab-host-save" type="button" disabled>Save</button></footer>`;

/** The Teams client around a tab: a header naming the app and the tab in a frame, answered by `/tab/host.js`. */
export function tabHostPage(request: TabRequest, config: TabHostConfig, appName: string): string {
  const dark = request.theme !== 'default';
  return `<!doctype html>
<html lang="${escape(request.locale)}">
<head>
<meta charset="utf-8">
<title>${escape(appName)} | Microsoft Teams (teams-sim)</title>
<style>
html,body{margin:0;height:100%;font-family:system-ui,sans-serif;background:${dark ? '#1f1f1f' : '#f5f5f5'};color:${dark ? '#fff' : '#242424'}}
body{display:flex;flex-direction:column}
header{padding:.5rem 1rem;font-weight:600;border-bottom:1px solid ${dark ? '#333' : '#e0e0e0'}}
iframe{flex:1;border:0;width:100%}
footer{display:flex;gap:1rem;justify-content:flex-end;align-items:center;padding:.5rem 1rem;border-top:1px solid ${dark ? '#333' : '#e0e0e0'}}
</style>
<script id="tab-host-config" type="application/json">${scriptJson(config)}</script>
</head>
<body>
<header>${escape(appName)}</header>
<iframe id="tab" title="${escape(appName)}" allow="clipboard-write"></iframe>
${request.frameContext === 'settings' ? SAVE_BAR : ''}
<script src="/tab/host.js"></script>
</body>
</html>`;
}
