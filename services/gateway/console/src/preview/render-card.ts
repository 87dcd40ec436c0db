import * as AC from 'adaptivecards';
import * as ACData from 'adaptivecards-templating';
import MarkdownIt from 'markdown-it';
import type { FieldProblem } from '../api/problem.js';
import { hostConfigFor, type PreviewTheme } from './host-configs.js';

// Teams renders a subset of Markdown in TextBlocks; the official renderer leaves Markdown to its host.
const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true });
AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
  result.outputHtml = markdown.render(text);
  result.didProcess = true;
};

export interface RenderedCard {
  element: HTMLElement | undefined;
  problems: FieldProblem[];
}

/**
 * Renders a card as Teams would (templates bound with `data` when given), and names what the
 * renderer finds wrong field by field (`advanced.card.body[1].url: …`) under `root`.
 */
export function renderCard(card: Record<string, unknown>, data: Record<string, unknown> | undefined, theme: PreviewTheme, root = 'card'): RenderedCard {
  let payload: unknown = card;
  if (data !== undefined) {
    try {
      payload = new ACData.Template(card).expand({ $root: data });
    } catch (error) {
      return { element: undefined, problems: [{ field: 'advanced.data', message: (error as Error).message }] };
    }
  }
  const adaptiveCard = new AC.AdaptiveCard();
  adaptiveCard.hostConfig = new AC.HostConfig(hostConfigFor(theme));
  const context = new AC.SerializationContext();
  adaptiveCard.parse(payload, context);
  const problems: FieldProblem[] = [];
  for (let i = 0; i < context.eventCount; i++) {
    const event = context.getEventAt(i);
    problems.push({ field: fieldOf(event.source, root), message: event.message });
  }
  for (const event of adaptiveCard.validateProperties().validationEvents) {
    if (!problems.some((known) => known.message === event.message)) problems.push({ field: fieldOf(event.source, root), message: event.message });
  }
  return { element: adaptiveCard.render(), problems };
}

/** The JSON path of a card object: `card.body[2]`, `card.actions[0]`, `card.body[1].items[0]`. */
function fieldOf(source: unknown, root: string): string {
  const parts: string[] = [];
  let current = source as AC.CardObject | undefined;
  while (current && !(current instanceof AC.AdaptiveCard)) {
    const parent = current.parent;
    if (!parent) break;
    parts.unshift(stepOf(current, parent));
    current = parent;
  }
  return [root, ...parts].join('.');
}

function stepOf(child: AC.CardObject, parent: AC.CardObject): string {
  if (child instanceof AC.Action) {
    const holder = parent as unknown as { getActionCount?(): number; getActionAt?(i: number): AC.Action | undefined };
    for (let i = 0; i < (holder.getActionCount?.() ?? 0); i++) if (holder.getActionAt?.(i) === child) return `actions[${i}]`;
    return 'actions';
  }
  const key = parent instanceof AC.AdaptiveCard ? 'body' : parent instanceof AC.ColumnSet ? 'columns' : 'items';
  const index = (parent as unknown as { indexOf?(element: AC.CardElement): number }).indexOf?.(child as AC.CardElement) ?? -1;
  return index >= 0 ? `${key}[${index}]` : key;
}

/** A JSON syntax error, with its line and column. */
export function parseJson(text: string, field: string): { value: unknown; problem?: undefined } | { value?: undefined; problem: FieldProblem } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    if (!position) return { problem: { field, message } };
    const before = text.slice(0, Number(position[1]));
    const line = before.split('\n').length;
    const column = Number(position[1]) - before.lastIndexOf('\n');
    return { problem: { field, message: message.replace(/ in JSON at position \d+.*$/, ''), line, column } };
  }
}
