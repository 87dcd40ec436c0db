import { botTranslatorFor, type BotTranslate } from '@herald/i18n';
import { adaptiveCard, cardMessage } from '../cards/adaptive-card.js';
import type { Route } from '../dispatch/route.js';

/** `help`: what Herald can do, as an Adaptive Card generated from the dispatch table. */
export const helpRoute: Route = {
  name: 'help',
  selector: { activityType: 'message', command: 'help' },
  flags: { quiet: true, teamAllowed: true },
  help: { usage: 'help', description: 'help.command.help' },
  handle: ({ activity }, { table }) => helpCard(table, botTranslatorFor(activity)),
};

/** The help card in the person's language (`t`): each command as typed, with its argument named in that language. */
export function helpCard(table: readonly Route[], t: BotTranslate) {
  const commands = table.flatMap(({ help }) => (help ? [{ usage: help.argument ? `${help.usage} <${t(help.argument)}>` : help.usage, description: t(help.description) }] : []));
  const title = t('help.title');
  const card = adaptiveCard(
    [
      { type: 'TextBlock', text: title, weight: 'Bolder', size: 'Medium', wrap: true },
      { type: 'FactSet', facts: commands.map((c) => ({ title: c.usage, value: c.description })) },
      { type: 'Input.Text', id: 'topic', placeholder: t('help.topic.placeholder'), label: t('help.topic.label') },
    ],
    [{ type: 'Action.Execute', title: t('subscriptions.card.subscribe'), verb: 'subscribe' }],
  );
  return cardMessage(card, title);
}
