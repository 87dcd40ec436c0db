import type { NotificationContent } from '@herald/contracts';

/** At most this many notifications are listed one by one; the rest are counted. */
const LISTED = 50;
/** Each one's text is cut to this many characters, so the card stays far below Teams' 28 KB. */
const EXCERPT = 300;

export interface DigestEntry {
  topic: string | undefined;
  content: NotificationContent;
}

/**
 * One Adaptive Card listing the notifications a digest collected, oldest first: each one's title
 * (its card's first text, or its topic) and text.
 */
export function digestCard(entries: readonly DigestEntry[], mode: 'hourly' | 'daily'): NonNullable<NotificationContent['card']> {
  const listed = entries.slice(0, LISTED).flatMap((entry, i) => {
    const { title, text } = summaryOf(entry);
    return [
      { type: 'TextBlock', text: title, weight: 'Bolder', wrap: true, separator: i > 0, spacing: 'Medium' },
      ...(text ? [{ type: 'TextBlock', text, wrap: true, spacing: 'Small' }] : []),
    ];
  });
  const more = entries.length - LISTED;
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: `Your ${mode} digest: ${entries.length} notification${entries.length === 1 ? '' : 's'}`, weight: 'Bolder', size: 'Medium', wrap: true },
      ...listed,
      ...(more > 0 ? [{ type: 'TextBlock', text: `…and ${more} more.`, isSubtle: true, wrap: true }] : []),
    ],
  };
}

function summaryOf(entry: DigestEntry): { title: string; text: string | undefined } {
  const cardTexts = textsOf(entry.content.card?.body ?? []);
  const title = cardTexts[0] ?? (entry.topic ? `About ${entry.topic}` : 'Notification');
  const text = entry.content.text ?? cardTexts.slice(1).join(' ');
  return { title: excerpt(title), text: text ? excerpt(text) : undefined };
}

/** The texts of a card's TextBlocks, in order (containers included). */
function textsOf(elements: readonly unknown[]): string[] {
  return elements.flatMap((element) => {
    if (element === null || typeof element !== 'object') return [];
    const { type, text, items, columns } = element as { type?: unknown; text?: unknown; items?: unknown; columns?: unknown };
    if (type === 'TextBlock' && typeof text === 'string' && text.trim()) return [text.trim()];
    return [...(Array.isArray(items) ? textsOf(items) : []), ...(Array.isArray(columns) ? textsOf(columns) : [])];
  });
}

function excerpt(text: string): string {
  return text.length > EXCERPT ? `${text.slice(0, EXCERPT - 1)}…` : text;
}
