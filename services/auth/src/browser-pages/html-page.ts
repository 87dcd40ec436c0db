import type { FastifyReply } from 'fastify';

/** The auth service's browser pages (the OAuth fallback's, the console sign-in's): escaping text into HTML, and answering with a page. */

export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Answers with an HTML page that is never cached, sends no Referer onwards and is not sniffed as anything else. */
export function sendHtmlPage(reply: FastifyReply, status: number, body: string): void {
  void reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('x-content-type-options', 'nosniff')
    .send(body);
}
