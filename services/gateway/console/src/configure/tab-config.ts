/** The settings a team's tab keeps: TeamsJS `pages.InstanceConfig`. */
export interface ConsoleTabConfig {
  entityId: string;
  contentUrl: string;
  websiteUrl: string;
  suggestedDisplayName: string;
}

/** The console tab's id in the team; the same on every save, so Teams sees one kind of tab. */
export const CONSOLE_TAB_ENTITY_ID = 'herald-console';

/** The tab this gateway serves: the console's list of messages, in Teams and in a browser alike. */
export function consoleTabConfig(origin: string, displayName: string): ConsoleTabConfig {
  const url = `${origin}/console/`;
  return { entityId: CONSOLE_TAB_ENTITY_ID, contentUrl: url, websiteUrl: url, suggestedDisplayName: displayName };
}

/**
 * Makes Teams' configuration dialog ready to add the tab: on Save the tab's settings are set, then
 * the save is confirmed (or declined with the reason, which Teams shows); Save is allowed at once,
 * since the tab needs no choices. Call only after `app.initialize()` answered in the `settings` frame.
 */
export async function offerTabConfig(config: ConsoleTabConfig): Promise<void> {
  const { pages } = await import('@microsoft/teams-js');
  pages.config.registerOnSaveHandler((saveEvent) => {
    pages.config.setConfig(config).then(
      () => saveEvent.notifySuccess(),
      (error: unknown) => saveEvent.notifyFailure(error instanceof Error ? error.message : 'the tab could not be configured'),
    );
  });
  pages.config.setValidityState(true);
}
