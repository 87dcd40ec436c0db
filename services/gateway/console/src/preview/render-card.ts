import * as AC from 'adaptivecards';
import * as ACData from 'adaptivecards-templating';
import MarkdownIt from 'markdown-it';
import type { FieldProblem } from '../api/problem.js';
import { pathOfCardObject, pathsOfType } from './card-paths.js';
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
  const unknownTypes = new Map<string, string[]>();
  for (let i = 0; i < context.eventCount; i++) {
    const { message, source } = context.getEventAt(i);
    const unknown = /^Unknown (?:element|action) type "([^"]+)"/.exec(message)?.[1];
    const paths = unknown ? (unknownTypes.get(unknown) ?? pathsOfType(payload, unknown, root)) : [];
    if (unknown) unknownTypes.set(unknown, paths.slice(1));
    problems.push({ field: paths[0] ?? pathOfCardObject(source, payload, root), message });
  }
  for (const event of adaptiveCard.validateProperties().validationEvents) {
    if (!problems.some((known) => known.message === event.message)) problems.push({ field: pathOfCardObject(event.source, payload, root), message: event.message });
  }
  return { element: adaptiveCard.render(), problems };
}
