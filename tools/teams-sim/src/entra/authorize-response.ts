import { randomUUID } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { AuthorizeError } from './authorization-code-errors.js';
import type { ReplyTo } from './authorize-request.js';

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** An error as Entra describes it: AADSTS code and message, then its trace, correlation and time. */
function describe(failure: AuthorizeError, at: Date = new Date()): string {
  const timestamp = `${at.toISOString().slice(0, 19).replace('T', ' ')}Z`;
  return `AADSTS${failure.code}: ${failure.message}\r\nTrace ID: ${randomUUID()}\r\nCorrelation ID: ${randomUUID()}\r\nTimestamp: ${timestamp}`;
}

/** Entra's form_post page: a hidden form that posts the parameters to the redirect URI as soon as it loads. */
function formPostPage(redirectUri: string, parameters: Record<string, string>): string {
  const inputs = Object.entries(parameters)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}" />`)
    .join('');
  return (
    '<html><head><title>Working...</title></head><body>' +
    `<form method="POST" name="hiddenform" action="${escapeHtml(redirectUri)}">${inputs}` +
    '<noscript><p>Script is disabled. Click Submit to continue.</p><input type="submit" value="Submit" /></noscript>' +
    '</form><script language="javascript">document.forms[0].submit();</script></body></html>'
  );
}

/** Sends the parameters to the app the way `response_mode` asks: a 302 (query or fragment) or a form_post page. */
export function replyToApp(reply: FastifyReply, replyTo: ReplyTo, parameters: Record<string, string>) {
  const all = { ...parameters, ...(replyTo.state !== undefined ? { state: replyTo.state } : {}) };
  if (replyTo.mode === 'form_post') return reply.type('text/html; charset=utf-8').send(formPostPage(replyTo.redirectUri, all));
  const url = new URL(replyTo.redirectUri);
  if (replyTo.mode === 'fragment') url.hash = new URLSearchParams(all).toString();
  else for (const [name, value] of Object.entries(all)) url.searchParams.append(name, value);
  return reply.redirect(url.toString(), 302);
}

export function replyErrorToApp(reply: FastifyReply, replyTo: ReplyTo, failure: AuthorizeError) {
  return replyToApp(reply, replyTo, {
    error: failure.error,
    error_description: describe(failure),
    error_uri: `https://login.microsoftonline.com/error?code=${failure.code}`,
  });
}

/** The page Entra shows when it cannot send the error to the app (unknown app, tenant or redirect URI). */
export function errorPage(reply: FastifyReply, failure: AuthorizeError) {
  const description = escapeHtml(describe(failure)).replace(/\r\n/g, '<br />');
  const html =
    '<!doctype html><html lang="en"><head><meta charset="utf-8" /><title>Sign in to your account</title></head>' +
    `<body><h1>Sorry, but we're having trouble signing you in.</h1><p data-error-code="${failure.code}">${description}</p></body></html>`;
  return reply.code(400).type('text/html; charset=utf-8').send(html);
}
