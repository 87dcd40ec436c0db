import type { FastifyReply } from 'fastify';

/** What the bot answered to an activity the chat page sent it. */
export type BotAnswer =
  | { readonly ok: true; readonly status: number; readonly body: unknown }
  | { readonly ok: false; readonly status?: number; readonly body?: unknown; readonly error: string };

export type SendToBot = (activity: Record<string, unknown>) => Promise<Response>;

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** POSTs a signed activity to the bot and reports a non-2xx answer or an unreachable endpoint as an error. */
export async function forwardToBot(send: SendToBot, activity: Record<string, unknown>): Promise<BotAnswer> {
  let response: Response;
  try {
    response = await send(activity);
  } catch (error) {
    const cause = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    return { ok: false, error: `The bot endpoint could not be reached: ${cause}` };
  }
  const body = await readBody(response);
  if (response.ok) return { ok: true, status: response.status, body };
  return { ok: false, status: response.status, body, error: `The bot answered HTTP ${response.status}` };
}

/** The chat page's answer: the bot's status and body, or 502 with why the bot did not answer 2xx. */
export function sendAnswer(reply: FastifyReply, answer: BotAnswer, extra: Record<string, unknown> = {}) {
  if (answer.ok) return reply.send({ ...extra, status: answer.status, body: answer.body });
  return reply.code(502).send({ ...extra, error: answer.error, status: answer.status, body: answer.body });
}

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/** The card in an `adaptiveCard/action` invoke answer `{ statusCode: 200, type: <card type>, value: card }`. */
export function refreshedCard(body: unknown): unknown {
  if (typeof body !== 'object' || body === null) return undefined;
  const answer = body as { statusCode?: unknown; type?: unknown; value?: unknown };
  return answer.statusCode === 200 && answer.type === ADAPTIVE_CARD ? answer.value : undefined;
}
