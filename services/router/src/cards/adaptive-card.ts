import type { OutboundActivity } from '@herald/contracts';

type Element = Record<string, unknown>;

/** An Adaptive Card 1.5 (what Teams renders on desktop, web and mobile). */
export function adaptiveCard(body: Element[], actions: Element[] = []) {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(actions.length > 0 ? { actions } : {}),
  };
}

/** A message carrying one Adaptive Card. */
export function cardMessage(card: ReturnType<typeof adaptiveCard>, summary?: string): OutboundActivity {
  return {
    type: 'message',
    ...(summary ? { summary } : {}),
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
  };
}
