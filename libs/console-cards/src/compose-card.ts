import type { ConsoleDraft } from '@herald/contracts';

/** The Adaptive Card schema version Teams renders on every client (desktop, web, mobile). */
export const CARD_VERSION = '1.5';

export type AdaptiveCard = { type: 'AdaptiveCard'; version?: string; body?: unknown[]; [key: string]: unknown };

export interface ComposeOptions {
  /** Put in the Acknowledge button's data, so each acknowledgement counts for its notification. */
  notificationId?: string;
  /** The Acknowledge button's title in the audience's language (default "Acknowledge"). */
  acknowledgeTitle?: string;
}

/**
 * The card a console draft becomes: in simple mode a title, an image, a summary, the Markdown
 * body, up to three link buttons and Herald's Acknowledge button (`Action.Execute`, verb
 * `acknowledge`); in advanced mode the author's own card, unbound (templates are bound with
 * `advanced.data` by the preview and by the gateway when it is sent).
 */
export function composeCard(draft: ConsoleDraft, options: ComposeOptions = {}): AdaptiveCard {
  if (draft.advanced) return draft.advanced.card;
  const body: unknown[] = [];
  if (draft.title.trim()) body.push({ type: 'TextBlock', text: draft.title, size: 'Large', weight: 'Bolder', wrap: true, style: 'heading' });
  if (draft.imageUrl) body.push({ type: 'Image', url: draft.imageUrl, size: 'Stretch', altText: draft.title || 'image' });
  if (draft.summary?.trim()) body.push({ type: 'TextBlock', text: draft.summary, wrap: true, isSubtle: true });
  if (draft.body?.trim()) body.push({ type: 'TextBlock', text: draft.body, wrap: true });
  const actions: unknown[] = draft.buttons.map((button) => ({ type: 'Action.OpenUrl', title: button.title, url: button.url }));
  if (draft.acknowledge) actions.push(acknowledgeAction(draft, options));
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    body,
    ...(actions.length > 0 ? { actions } : {}),
  };
}

function acknowledgeAction(draft: ConsoleDraft, options: ComposeOptions): Record<string, unknown> {
  const data: Record<string, unknown> = { title: draft.title };
  if (draft.summary) data['text'] = draft.summary;
  if (options.notificationId) data['notificationId'] = options.notificationId;
  return { type: 'Action.Execute', verb: 'acknowledge', title: options.acknowledgeTitle ?? 'Acknowledge', data };
}
