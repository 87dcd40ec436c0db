import type { InboundActivity } from '@herald/contracts';

const NBSP = /[\u00a0\u202f\u2007]/g;
const AT_MENTION = /<at(?:\s[^>]*)?>[\s\S]*?<\/at>/gi;
const TAGS = /<[^>]+>/g;
const ENTITIES: Record<string, string> = { '&nbsp;': ' ', '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/**
 * The command a person typed: the bot's `<at>` mention removed, HTML stripped, NBSP and
 * surrounding space trimmed, lower-cased. `"<at>Herald</at>&nbsp;Help "` → `"help"`.
 */
export function commandText(activity: Pick<InboundActivity, 'text' | 'recipient' | 'entities'>): string {
  let text = activity.text ?? '';
  for (const mention of botMentions(activity)) text = text.split(mention).join(' ');
  return text
    .replace(AT_MENTION, ' ')
    .replace(TAGS, ' ')
    .replace(/&(nbsp|amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity)
    .replace(NBSP, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** The mention texts (e.g. `<at>Herald</at>`) that point at the bot itself. */
function botMentions(activity: Pick<InboundActivity, 'recipient' | 'entities'>): string[] {
  const botId = activity.recipient?.id;
  return (activity.entities ?? [])
    .filter((e) => e.type === 'mention' && (e as { mentioned?: { id?: string } }).mentioned?.id === botId)
    .map((e) => (e as { text?: string }).text ?? '')
    .filter(Boolean);
}
