import type { TeamsSim } from '@herald/teams-sim';

/** The texts Herald sent into a conversation (POSTs to the Bot Connector), oldest first. */
export function textsTo(sim: Pick<TeamsSim, 'connectorCalls'>, conversationId: string): string[] {
  return sim.connectorCalls
    .filter((call) => call.conversationId === conversationId && call.method === 'POST')
    .map((call) => (call.body as { text?: string }).text)
    .filter((text): text is string => typeof text === 'string');
}
