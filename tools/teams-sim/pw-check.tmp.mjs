import http from 'node:http';
import { chromium } from 'playwright-core';
import { startTeamsSim } from './dist/index.js';

const APP_ID = '00000000-0000-4000-8000-00000000b07a', PW = 'pw';
const CARD = 'application/vnd.microsoft.card.adaptive';
let sim;
const card = (t) => ({ type: 'AdaptiveCard', version: '1.4', body: [{ type: 'TextBlock', text: t, wrap: true }, { type: 'Input.Text', id: 'comment', placeholder: 'Comment' }],
  actions: [{ type: 'Action.Execute', title: 'Refresh', verb: 'refresh', data: { n: 1 } }, { type: 'Action.Submit', title: 'Submit', data: { kind: 'submit' } }] });
async function token() {
  const r = await fetch(`${sim.url}/botframework.com/oauth2/v2.0/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', client_id: APP_ID, client_secret: PW, scope: 'https://api.botframework.com/.default' }) });
  return (await r.json()).access_token;
}
const seen = [];
const bot = http.createServer(async (req, res) => {
  let data = ''; for await (const c of req) data += c;
  const a = JSON.parse(data); seen.push(a);
  if (a.type === 'invoke') { res.writeHead(200, { 'content-type': 'application/json' }); return res.end(JSON.stringify({ statusCode: 200, type: CARD, value: card('**Refreshed** card') })); }
  const text = a.value ? `Got submit ${JSON.stringify(a.value)}` : a.text === 'help' ? 'Here is **help**:\n- item one\n- `code` item' : `You said ${a.text}`;
  const attachments = a.text === 'card' ? [{ contentType: CARD, content: card('Original card') }] : undefined;
  await fetch(`${a.serviceUrl}v3/conversations/${encodeURIComponent(a.conversation.id)}/activities/${encodeURIComponent(a.id)}`, { method: 'POST', headers: { authorization: `Bearer ${await token()}`, 'content-type': 'application/json' }, body: JSON.stringify({ type: 'message', text, attachments }) });
  res.writeHead(a.text === 'fail' ? 500 : 200); res.end();
});
await new Promise((r) => bot.listen(0, '127.0.0.1', r));
sim = await startTeamsSim({ appId: APP_ID, appPassword: PW, botEndpoint: `http://127.0.0.1:${bot.address().port}/api/messages` });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
page.on('console', (m) => console.log('console:', m.text()));
page.on('pageerror', (e) => console.log('pageerror:', e.message));
await page.goto(sim.url + '/');
await page.fill('#compose', 'help');
await page.click('#send');
await page.locator('.message.bot').first().waitFor({ timeout: 5000 });
console.log('bot says:', await page.locator('.message.bot .text').first().innerText());
await page.fill('#compose', 'card'); await page.keyboard.press('Enter');
await page.locator('.message.bot .card .ac-adaptiveCard').first().waitFor({ timeout: 5000 });
await page.fill('.ac-input.ac-textInput', 'my comment');
await page.click('button:has-text("Submit")');
await page.locator('.message.bot', { hasText: 'Got submit' }).waitFor({ timeout: 5000 });
console.log('submit value:', JSON.stringify(seen.find((a) => a.value && a.type === 'message').value));
await page.click('button:has-text("Refresh")');
await page.locator('.card', { hasText: 'Refreshed' }).waitFor({ timeout: 5000 });
console.log('invoke:', JSON.stringify(seen.find((a) => a.type === 'invoke').value));
await page.fill('#compose', 'fail'); await page.click('#send');
await page.locator('#error:not([hidden])').waitFor({ timeout: 5000 });
console.log('error banner:', await page.locator('#error').innerText());
await page.screenshot({ path: '/tmp/chat.png', fullPage: true });
await browser.close(); await sim.close(); bot.close();
