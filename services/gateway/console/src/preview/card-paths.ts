import * as AC from 'adaptivecards';

type Step = { key: 'body' | 'items' | 'columns' | 'actions'; index: number };
type Json = Record<string, unknown>;

/**
 * The JSON path (`advanced.card.body[2].items[1]`) of an object the renderer parsed, in the card
 * as the author wrote it: elements of unknown types, which the renderer drops, still count.
 */
export function pathOfCardObject(source: unknown, json: unknown, root: string): string {
  const steps = stepsOf(source);
  let node: unknown = json;
  let path = root;
  for (const step of steps) {
    const items = isObject(node) ? node[step.key] : undefined;
    if (!Array.isArray(items)) return `${path}.${step.key}`;
    const index = writtenIndex(items, step);
    if (index < 0) return `${path}.${step.key}`;
    path += `.${step.key}[${index}]`;
    node = items[index];
  }
  return path;
}

/** Every path in the card whose element or action has `type` (for "Unknown element type" findings). */
export function pathsOfType(json: unknown, type: string, path: string): string[] {
  if (Array.isArray(json)) return json.flatMap((item, i) => pathsOfType(item, type, `${path}[${i}]`));
  if (!isObject(json)) return [];
  const own = json['type'] === type ? [path] : [];
  return [...own, ...Object.entries(json).flatMap(([key, value]) => (typeof value === 'object' && value !== null ? pathsOfType(value, type, `${path}.${key}`) : []))];
}

function stepsOf(source: unknown): Step[] {
  const steps: Step[] = [];
  let current = source as AC.CardObject | undefined;
  while (current && !(current instanceof AC.AdaptiveCard) && current.parent) {
    const parent: AC.CardObject = current.parent;
    steps.unshift(stepOf(current, parent));
    current = parent;
  }
  return steps;
}

function stepOf(child: AC.CardObject, parent: AC.CardObject): Step {
  if (child instanceof AC.Action) {
    const holder = parent as unknown as { getActionCount?(): number; getActionAt?(i: number): AC.Action | undefined };
    let index = -1;
    for (let i = 0; i < (holder.getActionCount?.() ?? 0); i++) if (holder.getActionAt?.(i) === child) index = i;
    return { key: 'actions', index };
  }
  const key = parent instanceof AC.AdaptiveCard ? 'body' : parent instanceof AC.ColumnSet ? 'columns' : 'items';
  const index = (parent as unknown as { indexOf?(element: AC.CardElement): number }).indexOf?.(child as AC.CardElement) ?? -1;
  return { key, index };
}

/** The index in the written array of the `step.index`-th item the renderer kept. */
function writtenIndex(items: unknown[], step: Step): number {
  const registry = step.key === 'actions' ? AC.GlobalRegistry.actions : AC.GlobalRegistry.elements;
  let kept = -1;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const type = isObject(item) ? item['type'] : undefined;
    const known = step.key === 'columns' || (typeof type === 'string' && registry.findByName(type) !== undefined) || (isObject(item) && item['fallback'] !== undefined && item['fallback'] !== 'drop');
    if (known) kept++;
    if (kept === step.index) return i;
  }
  return -1;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
