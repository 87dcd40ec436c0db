import { escapeHtml } from '../browser-pages/html-page.js';
import type { ConsoleSigninText, ProblemKind } from './console-signin.messages.js';

/**
 * The page a console sign-in ends on when it cannot return to the console: what happened, in the
 * person's language, and a link to try again (or to the console, when there is nothing to retry).
 * Plain HTML, no script.
 */
export function consoleProblemPage(kind: ProblemKind, text: ConsoleSigninText, link: { href: string; retry: boolean }, detail = ''): string {
  const title = text(`${kind}.title`);
  const message = text(`${kind}.message`, { detail });
  return `<!doctype html>
<html lang="${text.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Herald</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#242424}a{color:#5b5fc7}</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<p data-problem="${kind}">${escapeHtml(message)}</p>
<p><a id="try-again" href="${escapeHtml(link.href)}">${escapeHtml(text(link.retry ? 'tryAgain' : 'openConsole'))}</a></p>
</main>
</body>
</html>`;
}
