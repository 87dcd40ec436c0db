import type { Dispatcher } from '../dispatch/dispatcher.js';
import { SCORE } from '../dispatch/dispatcher.js';

/** `help`: what Herald can do, as an Adaptive Card generated from the dispatch table. */
export const helpDispatcher: Dispatcher = {
  name: 'help',
  command: { text: 'help', description: 'Show what I can do' },
  match: ({ activity, command }) => (activity.type === 'message' && command === 'help' ? SCORE.exactCommand : undefined),
  reply: (_incoming, table) => helpCard(table),
};

export function helpCard(table: readonly Dispatcher[]) {
  const commands = table.flatMap((d) => (d.command ? [d.command] : []));
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
            {
              type: 'FactSet',
              facts: commands.map((c) => ({ title: c.text, value: c.description })),
            },
          ],
        },
      },
    ],
  };
}
