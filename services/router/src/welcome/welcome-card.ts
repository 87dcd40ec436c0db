import type { OutboundActivity } from '@herald/contracts';
import { botTranslatorFor, type LocaleSource } from '@herald/i18n';
import { adaptiveCard, cardMessage } from '../cards/adaptive-card.js';

/** The card Herald introduces itself with, once per personal chat or team, in the language of the install activity. */
export function welcomeCard(scope: 'personal' | 'team', install: LocaleSource): OutboundActivity {
  const t = botTranslatorFor(install);
  const card = adaptiveCard([
    { type: 'TextBlock', text: t('welcome.title'), weight: 'Bolder', size: 'Medium', wrap: true },
    { type: 'TextBlock', text: t(scope === 'personal' ? 'welcome.personal' : 'welcome.team'), wrap: true },
    { type: 'TextBlock', text: t('welcome.help'), wrap: true },
  ]);
  return cardMessage(card, t('welcome.summary'));
}
