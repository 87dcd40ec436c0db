import type { FieldProblem } from '../api/problem.js';

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
