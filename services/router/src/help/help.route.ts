import { adaptiveCard, cardMessage } from '../cards/adaptive-card.js';
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
  const title = "Herald help: here's what I can do";
  const card = adaptiveCard(
    [
      { type: 'TextBlock', text: title, weight: 'Bolder', size: 'Medium', wrap: true },
      { type: 'FactSet', facts: commands.map((c) => ({ title: c.usage, value: c.description })) },
      { type: 'Input.Text', id: 'topic', placeholder: 'a topic, e.g. builds', label: 'Follow a topic' },
    ],
    [{ type: 'Action.Execute', title: 'Subscribe', verb: 'subscribe' }],
  );
  return cardMessage(card, title);
}
