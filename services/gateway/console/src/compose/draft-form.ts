import type { ConsoleAudience, ConsoleDraft } from '@herald/contracts';
import type { FieldProblem } from '../api/problem.js';
import { parseJson } from '../preview/parse-json.js';

/** What the compose form holds: the draft's fields as typed, the advanced JSON as text. */
export interface DraftForm {
  title: string;
  summary: string;
  imageUrl: string;
  body: string;
  buttons: { title: string; url: string }[];
  acknowledge: boolean;
  advancedMode: boolean;
  advancedCard: string;
  advancedData: string;
  audience: ConsoleAudience;
  needsApproval: boolean;
}

export const MAX_BUTTONS = 3;

export const EMPTY_AUDIENCE: ConsoleAudience = { teams: [], teamMembers: [], groups: [], everyone: false };

export const STARTER_CARD = JSON.stringify(
  { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5', body: [{ type: 'TextBlock', text: 'Hello ${name}', wrap: true, size: 'Large', weight: 'Bolder' }] },
  null,
  2,
);

export function emptyForm(): DraftForm {
  return { title: '', summary: '', imageUrl: '', body: '', buttons: [], acknowledge: false, advancedMode: false, advancedCard: STARTER_CARD, advancedData: '{\n  "name": "everyone"\n}', audience: EMPTY_AUDIENCE, needsApproval: false };
}

export function formOf(draft: ConsoleDraft): DraftForm {
  return {
    title: draft.title,
    summary: draft.summary ?? '',
    imageUrl: draft.imageUrl ?? '',
    body: draft.body ?? '',
    buttons: draft.buttons.map((button) => ({ ...button })),
    acknowledge: draft.acknowledge,
    advancedMode: draft.advanced !== undefined,
    advancedCard: draft.advanced ? JSON.stringify(draft.advanced.card, null, 2) : STARTER_CARD,
    advancedData: draft.advanced?.data ? JSON.stringify(draft.advanced.data, null, 2) : '',
    audience: draft.audience,
    needsApproval: draft.needsApproval,
  };
}

/** The draft the form describes, or the JSON syntax errors that stop it from being one. */
export function draftOf(form: DraftForm): { draft: ConsoleDraft; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const draft: ConsoleDraft = {
    title: form.title,
    buttons: form.buttons,
    acknowledge: form.acknowledge,
    audience: form.audience,
    needsApproval: form.needsApproval,
    ...(form.summary.trim() ? { summary: form.summary } : {}),
    ...(form.imageUrl.trim() ? { imageUrl: form.imageUrl.trim() } : {}),
    ...(form.body.trim() ? { body: form.body } : {}),
  };
  if (form.advancedMode) {
    const card = parseJson(form.advancedCard, 'advanced.card');
    const data = form.advancedData.trim() ? parseJson(form.advancedData, 'advanced.data') : { value: undefined };
    if (card.problem) problems.push(card.problem);
    else if (!isObject(card.value) || card.value['type'] !== 'AdaptiveCard') problems.push({ field: 'advanced.card', message: 'not an Adaptive Card: "type" must be "AdaptiveCard"' });
    if (data.problem) problems.push(data.problem);
    else if (data.value !== undefined && !isObject(data.value)) problems.push({ field: 'advanced.data', message: 'the data must be a JSON object' });
    if (problems.length === 0) draft.advanced = { card: card.value as NonNullable<ConsoleDraft['advanced']>['card'], ...(isObject(data.value) ? { data: data.value } : {}) };
  }
  return { draft, problems: [...problems, ...fieldChecks(form)] };
}

/** What the API would refuse anyway, said before asking it: https links, button titles. */
function fieldChecks(form: DraftForm): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!form.advancedMode && form.imageUrl.trim() && !isHttps(form.imageUrl.trim())) problems.push({ field: 'imageUrl', message: 'https' });
  form.buttons.forEach((button, i) => {
    if (!button.title.trim()) problems.push({ field: `buttons[${i}].title`, message: 'required' });
    if (!isHttps(button.url)) problems.push({ field: `buttons[${i}].url`, message: 'https' });
  });
  return problems;
}

function isHttps(text: string): boolean {
  try {
    return new URL(text).protocol === 'https:';
  } catch {
    return false;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
