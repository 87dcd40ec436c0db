import { escapeHtml } from '../browser-pages/html-page.js';
import type { SigninPageText, SigninProblem } from './signin-pages.messages.js';

/** The pages the person's browser shows during the OAuth fallback: plain HTML, no third-party script but TeamsJS. */

function page(language: string, title: string, body: string, script = ''): string {
  return `<!doctype html>
<html lang="${escapeHtml(language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Herald</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#242424}#code{font-size:2.5rem;letter-spacing:.4rem;font-weight:600}</style>
${script}
</head>
<body>
${body}
</body>
</html>`;
}

/**
 * Signed in: the page hands the code to Teams (TeamsJS `authentication.notifySuccess`, which
 * closes the window and sends `signin/verifyState`), and shows it for typing where that fails.
 */
export function codePage(code: string, teamsJsUrl: string, { t, language }: SigninPageText): string {
  const notify = `<script src="${escapeHtml(teamsJsUrl)}"></script>
<script>
(async () => {
  try {
    if (window.microsoftTeams?.app?.initialize) await window.microsoftTeams.app.initialize();
    window.microsoftTeams.authentication.notifySuccess(${JSON.stringify(code)});
  } catch (error) {
    document.getElementById('hint').hidden = false;
  }
})();
</script>`;
  return page(
    language,
    t('code.title'),
    `<h1>${escapeHtml(t('code.heading'))}</h1>
<p>${escapeHtml(t('code.intro'))}</p>
<p id="code">${escapeHtml(code)}</p>
<p id="hint">${escapeHtml(t('code.hint'))}</p>`,
    notify,
  );
}

/** Anything that stops the sign-in in the browser: what happened and what to do. */
export function problemPage(problem: SigninProblem, { t, language }: SigninPageText, detail = ''): string {
  const title = t(`${problem}.title`);
  return page(language, title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(t(`${problem}.message`, { detail }))}</p><p>${escapeHtml(t('startAgain'))}</p>`);
}
