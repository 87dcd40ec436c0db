import type { OutboundActivity } from '@herald/contracts';
import { adaptiveCard, cardMessage } from '../cards/adaptive-card.js';

/** The card Herald introduces itself with, once per personal chat or team. */
export function welcomeCard(scope: 'personal' | 'team'): OutboundActivity {
  const intro =
    scope === 'personal'
      ? "Hi, I'm Herald. I'll bring you notifications from the apps your organisation connects, right here."
      : "Hi, I'm Herald. I'll post this team's notifications here. Mention me with help to see what I can do.";
  const card = adaptiveCard([
    { type: 'TextBlock', text: 'Welcome to Herald', weight: 'Bolder', size: 'Medium', wrap: true },
    { type: 'TextBlock', text: intro, wrap: true },
    { type: 'TextBlock', text: 'Type **help** to see what I can do.', wrap: true },
  ]);
  return cardMessage(card, "Hi, I'm Herald");
}
