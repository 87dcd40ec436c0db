import type { Route } from '../dispatch/route.js';

/** `help`: what Herald can do, as an Adaptive Card generated from the dispatch table. */
export const helpRoute: Route = {
  name: 'help',
  selector: { activityType: 'message', command: 'help' },
  flags: { quiet: true, teamAllowed: true },
  help: { usage: 'help', description: 'Show what I can do' },
  handle: (_incoming, { table }) => helpCard(table),
};

export function helpCard(table: readonly Route[]) {
  const commands = table.flatMap((route) => (route.help ? [route.help] : []));
  return {
    type: 'message',
    summary: "Herald help: here's what I can do",
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        content: {
          type: 'AdaptiveCard',
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          version: '1.5',
          body: [
            { type: 'TextBlock', text: "Herald help: here's what I can do", weight: 'Bolder', size: 'Medium', wrap: true },
            { type: 'FactSet', facts: commands.map((c) => ({ title: c.usage, value: c.description })) },
            { type: 'Input.Text', id: 'topic', placeholder: 'a topic, e.g. builds', label: 'Follow a topic' },
          ],
          actions: [{ type: 'Action.Execute', title: 'Subscribe', verb: 'subscribe' }],
        },
      },
    ],
  };
}
