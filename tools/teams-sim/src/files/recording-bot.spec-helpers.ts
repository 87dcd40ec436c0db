import Fastify, { type FastifyInstance } from 'fastify';

export type Activity = Record<string, any>;

/** A bot that answers every activity `{}` and keeps each in `received`; `endpoint` is the sim's `botEndpoint`. */
export async function startRecordingBot(received: Activity[]): Promise<{ bot: FastifyInstance; endpoint: string }> {
  const bot = Fastify();
  bot.post('/api/messages', async (request) => {
    received.push(request.body as Activity);
    return {};
  });
  const address = await bot.listen({ port: 0, host: '127.0.0.1' });
  return { bot, endpoint: `${address}/api/messages` };
}
