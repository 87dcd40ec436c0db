// teams-sim chat page: a Teams-like 1:1 chat with the bot. Talks only to the sim's /chat/api/*.
'use strict';

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';
const OAUTH_CARD = 'application/vnd.microsoft.card.oauth';
const FILE_CONSENT_CARD = 'application/vnd.microsoft.teams.card.file.consent';
const FILE_INFO_CARD = 'application/vnd.microsoft.teams.card.file.info';
const AUTH_MESSAGE = 'teams-sim/authentication';
let signIn; // the sign-in popup under way: { popup, messageId }
const POLL_MS = 500;
const rendered = new Map(); // message id -> { signature, element }

const $ = (id) => document.getElementById(id);

async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const payload = await response.json().catch(() => ({}));
  return { ok: response.ok, status: response.status, payload };
}

function showError(message) {
  const banner = $('error');
  banner.textContent = message ?? '';
  banner.hidden = !message;
}

function showNotice(message) {
  const banner = $('notice');
  banner.textContent = message ?? '';
  banner.hidden = !message;
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

/** Markdown-light: **bold**, *italic*, `code`, [links](https://…), "- " lists, line breaks. */
function markdownLight(text) {
  const inline = (line) =>
    escapeHtml(line)
      .replace(/`([^`]+)`/g, '<code>$1</code>')
      .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
      .replace(/(^|[^*])\*([^*]+)\*/g, '$1<em>$2</em>')
      .replace(/\b_([^_]+)_\b/g, '<em>$1</em>')
      .replace(/\[([^\]]+)\]\((https?:[^)\s]+)\)/g, '<a href="$2" target="_blank" rel="noopener">$1</a>');
  const html = [];
  let list = [];
  const flush = () => {
    if (list.length) html.push(`<ul>${list.map((item) => `<li>${item}</li>`).join('')}</ul>`);
    list = [];
  };
  for (const line of String(text).split(/\r?\n/)) {
    const item = /^\s*[-*]\s+(.*)$/.exec(line);
    if (item) list.push(inline(item[1]));
    else {
      flush();
      html.push(inline(line));
    }
  }
  flush();
  return html.join('\n').replace(/\n(<ul>)/g, '$1').replace(/(<\/ul>)\n/g, '$1');
}

function setUpAdaptiveCards() {
  if (!window.AdaptiveCards) return;
  window.AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
    result.outputHtml = markdownLight(text);
    result.didProcess = true;
  };
}

function hostConfig() {
  return new window.AdaptiveCards.HostConfig({
    fontFamily: "'Segoe UI', system-ui, sans-serif",
    containerStyles: { default: { backgroundColor: '#FFFFFF', foregroundColors: { default: { default: '#242424' } } } },
    actions: { actionsOrientation: 'horizontal', buttonSpacing: 8, maxActions: 6 },
  });
}

async function onCardAction(messageId, action) {
  const type = action.getJsonTypeName();
  if (type === 'Action.OpenUrl') return void window.open(action.url, '_blank', 'noopener');
  const data = action.data ?? {};
  if (type === 'Action.Submit' && data?.msteams?.type === 'imBack') return sendText(String(data.msteams.value ?? ''));
  const body =
    type === 'Action.Execute'
      ? { kind: 'execute', messageId, verb: action.verb, title: action.title, data }
      : { kind: 'submit', messageId, data };
  showError('');
  const result = await api('POST', '/chat/api/actions', body);
  if (!result.ok) showError(result.payload.error ?? `The action failed (HTTP ${result.status})`);
  await poll();
}

function renderCard(messageId, content) {
  const container = document.createElement('div');
  container.className = 'card';
  if (!window.AdaptiveCards) {
    container.textContent = '[Adaptive Card: renderer not loaded]';
    return container;
  }
  const card = new window.AdaptiveCards.AdaptiveCard();
  card.hostConfig = hostConfig();
  card.onExecuteAction = (action) => void onCardAction(messageId, action);
  try {
    card.parse(content);
    const element = card.render();
    if (element) container.appendChild(element);
  } catch (error) {
    container.textContent = `[Adaptive Card could not be rendered: ${error.message}]`;
  }
  return container;
}

/** Opens the OAuth card's sign-in URL in a popup, as Teams does when single sign-on did not work. */
function openSignIn(url, messageId) {
  showError('');
  showNotice('');
  const popup = window.open(url, 'teams-sim-signin', 'width=520,height=640');
  if (!popup) return showError('The sign-in window was blocked.');
  signIn = { popup, messageId };
}

/**
 * The popup called microsoftTeams.authentication.notifySuccess(result) (or notifyFailure): like Teams, send
 * the bot `signin/verifyState` with { state: result }, and show what it answered.
 */
async function onSignInMessage(event) {
  if (!signIn || event.source !== signIn.popup || event.data?.type !== AUTH_MESSAGE) return;
  const { messageId } = signIn;
  signIn = undefined;
  if (event.data.outcome !== 'success') return showError(`Sign-in failed${event.data.value ? `: ${event.data.value}` : '.'}`);
  const result = await api('POST', '/chat/api/verify-state', { state: event.data.value, messageId });
  if (result.ok && result.payload.status === 200) showNotice('Signed in: the bot verified the sign-in.');
  else showError(result.payload.error ?? `The bot answered the sign-in with HTTP ${result.payload.status ?? result.status}`);
  await poll();
}

/**
 * An OAuth card as Teams shows it: hidden behind a note while Teams exchanges the SSO token, gone once that
 * worked, otherwise its text and sign-in button (buttons[0], type signin).
 */
function renderOAuthCard(message, content) {
  const box = document.createElement('div');
  box.className = 'card oauth-card';
  box.dataset.testid = 'oauth-card';
  const note = (text) => {
    box.classList.add('oauth-note');
    box.textContent = text;
    return box;
  };
  if (message.signin === 'exchanging') return note('Signing you in…');
  if (message.signin === 'signed-in') return note('Signed in.');
  if (content?.text) {
    const text = document.createElement('div');
    text.textContent = content.text;
    box.appendChild(text);
  }
  const button = content?.buttons?.[0];
  if (button?.value) {
    const element = document.createElement('button');
    element.type = 'button';
    element.className = 'signin-button';
    element.dataset.testid = 'signin-button';
    element.textContent = button.title || 'Sign in';
    element.addEventListener('click', () => openSignIn(button.value, message.id));
    box.appendChild(element);
  }
  return box;
}

function formatBytes(bytes) {
  if (typeof bytes !== 'number') return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Allow / Decline: Teams sends the bot `fileConsent/invoke` (the sim opens the OneDrive upload session on Allow). */
async function onFileConsent(messageId, action) {
  showError('');
  const result = await api('POST', '/chat/api/file-consent', { messageId, action });
  if (!result.ok) showError(result.payload.error ?? `The answer failed (HTTP ${result.status})`);
  await poll();
}

/** A bot's file consent card: the file it wants to put in the person's OneDrive, and Allow / Decline. */
function renderFileConsentCard(message, attachment) {
  const box = document.createElement('div');
  box.className = 'file-card file-consent';
  box.dataset.testid = 'file-consent-card';
  const content = attachment.content ?? {};
  const name = document.createElement('div');
  name.className = 'file-name';
  name.textContent = `${attachment.name ?? 'file'} ${formatBytes(content.sizeInBytes)}`.trim();
  const description = document.createElement('div');
  description.className = 'file-description';
  description.textContent = content.description ?? '';
  const buttons = document.createElement('div');
  buttons.className = 'file-buttons';
  for (const [action, title] of [['accept', 'Allow'], ['decline', 'Decline']]) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = title;
    button.dataset.testid = `file-consent-${action}`;
    button.addEventListener('click', () => void onFileConsent(message.id, action));
    buttons.appendChild(button);
  }
  box.append(name, description, buttons);
  return box;
}

/** A file in the person's OneDrive, as Teams shows a bot's file info card. */
function renderFileInfoCard(attachment) {
  const box = document.createElement('div');
  box.className = 'file-card file-info';
  box.dataset.testid = 'file-info-card';
  const link = document.createElement('a');
  link.href = attachment.contentUrl ?? '#';
  link.target = '_blank';
  link.rel = 'noopener';
  link.textContent = attachment.name ?? 'file';
  const type = document.createElement('span');
  type.className = 'file-type';
  type.textContent = (attachment.content?.fileType ?? '').toUpperCase();
  box.append(type, link);
  return box;
}

function renderAttachment(message, attachment) {
  const messageId = message.id;
  if (attachment.contentType === ADAPTIVE_CARD) return renderCard(messageId, attachment.content);
  if (attachment.contentType === OAUTH_CARD) return renderOAuthCard(message, attachment.content);
  if (attachment.contentType === FILE_CONSENT_CARD) return renderFileConsentCard(message, attachment);
  if (attachment.contentType === FILE_INFO_CARD) return renderFileInfoCard(attachment);
  const note = document.createElement('div');
  note.className = 'attachment-note';
  note.textContent = `[attachment: ${attachment.contentType}]`;
  return note;
}

function renderMessage(message, names) {
  const element = document.createElement('div');
  element.className = `message ${message.from}${message.deleted ? ' deleted' : ''}`;
  element.dataset.messageId = message.id;
  element.dataset.testid = `message-${message.from}`;
  const avatar = document.createElement('div');
  avatar.className = 'avatar';
  avatar.textContent = (message.from === 'bot' ? names.bot : names.user).slice(0, 1).toUpperCase();
  const bubble = document.createElement('div');
  bubble.className = 'bubble';
  const meta = document.createElement('div');
  meta.className = 'meta';
  const time = new Date(message.timestamp).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  meta.textContent = `${message.from === 'bot' ? names.bot : names.user} ${time}${message.updated ? ' · Edited' : ''}`;
  bubble.appendChild(meta);
  const text = document.createElement('div');
  text.className = 'text';
  if (message.deleted) text.textContent = 'This message has been deleted.';
  else if (message.text) text.innerHTML = markdownLight(message.text);
  if (message.deleted || message.text) bubble.appendChild(text);
  if (!message.deleted) for (const attachment of message.attachments) bubble.appendChild(renderAttachment(message, attachment));
  element.append(avatar, bubble);
  return element;
}

const names = { bot: 'Bot', user: 'User' };

function render(messages) {
  const list = $('messages');
  const nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
  let added = false;
  for (const message of messages) {
    if (message.type !== 'message') continue;
    const signature = JSON.stringify([message.text, message.attachments, message.updated, message.deleted, message.signin]);
    const existing = rendered.get(message.id);
    if (existing?.signature === signature) continue;
    const element = renderMessage(message, names);
    if (existing) existing.element.replaceWith(element);
    else {
      list.appendChild(element);
      added = true;
    }
    rendered.set(message.id, { signature, element });
  }
  if (added && nearBottom) list.scrollTop = list.scrollHeight;
}

async function poll() {
  try {
    const result = await api('GET', '/chat/api/conversation');
    if (result.ok) render(result.payload);
  } catch {
    // the sim may be restarting; the next poll tries again
  }
}

async function sendText(text) {
  if (!text.trim()) return;
  showError('');
  $('send').disabled = true;
  try {
    const result = await api('POST', '/chat/api/messages', { text });
    if (!result.ok) showError(result.payload.error ?? `Sending failed (HTTP ${result.status})`);
  } catch (error) {
    showError(`Sending failed: ${error.message}`);
  } finally {
    $('send').disabled = false;
    await poll();
  }
}

async function start() {
  setUpAdaptiveCards();
  const session = await api('GET', '/chat/api/session');
  if (session.ok) {
    names.bot = session.payload.bot.name;
    names.user = session.payload.user.name;
    $('bot-name').textContent = names.bot;
    $('bot-avatar').textContent = names.bot.slice(0, 1).toUpperCase();
    $('user-name').textContent = names.user;
    if (!session.payload.botEndpoint) showError('teams-sim has no bot endpoint configured.');
  }
  $('compose-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const text = $('compose').value;
    $('compose').value = '';
    void sendText(text);
  });
  $('compose').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      $('compose-form').requestSubmit();
    }
  });
  window.addEventListener('message', (event) => void onSignInMessage(event));
  await poll();
  setInterval(poll, POLL_MS);
}

document.addEventListener('DOMContentLoaded', () => void start());
