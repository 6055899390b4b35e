/**
 * The small scripts and the stylesheet of the sign-in pages, served from `/lti/assets/` (the
 * pages carry no inline script or style, so they run under a strict Content-Security-Policy; a
 * page's data travels in a `<script type="application/json">` block, which is never executed).
 * Kept as strings so the compiled server needs no extra files.
 * @module
 */

/** Auto-submits `form[data-autosubmit]` (a deep-linking response going back to the VLE). */
const SUBMIT = `for (const form of document.querySelectorAll('form[data-autosubmit]')) form.submit();`;

/** Tells the VLE that dynamic registration is over (LTI Dynamic Registration, section 3.6). */
const REGISTERED = `(window.opener || window.parent).postMessage({ subject: 'org.imsglobal.lti.close' }, '*');`;

/**
 * The login step with platform storage (lti-cs-oidc, lti-pm-s): stores the state and nonce in
 * the VLE's storage frame, then goes on to the VLE's authorisation endpoint. Without an answer
 * within two seconds it goes on anyway (the cookie may still work).
 */
const LOGIN = `
const config = JSON.parse(document.getElementById('plc-login').textContent);
const frame = config.target === '_parent' ? window.parent : window.parent.frames[config.target];
const go = () => location.replace(config.authUrl);
const put = (key, value) => new Promise((resolve, reject) => {
  const id = 'plc-' + Math.random().toString(36).slice(2);
  const timer = setTimeout(() => { removeEventListener('message', on); reject(new Error('timeout')); }, 2000);
  function on(event) {
    if (event.origin !== config.origin || !event.data || event.data.message_id !== id) return;
    clearTimeout(timer); removeEventListener('message', on);
    if (event.data.error) reject(new Error(event.data.error.code || 'error')); else resolve();
  }
  addEventListener('message', on);
  frame.postMessage({ subject: 'lti.put_data', message_id: id, key, value }, config.origin);
});
if (!frame) go();
else Promise.all([put('plc-state-' + config.state, config.state), put('plc-nonce-' + config.nonce, config.nonce)]).then(go, go);
`;

/**
 * The launch page: proves the browser is the one that began the login (platform storage, when
 * the VLE offered it and no cookie came back), gets the plc-kit session, then shows the view in
 * this same page with startEmbed from the embed bundle, handing it the session token directly
 * (no cookie, no URL). The token is refreshed a minute before it expires while the session lives.
 */
const LAUNCH = `
const config = JSON.parse(document.getElementById('plc-launch').textContent);
const base = location.href;
const main = document.getElementById('plc-embed');
const fail = (text) => { main.replaceChildren(Object.assign(document.createElement('p'), { className: 'plc-launch-error', role: 'alert', textContent: text })); };
const post = async (path, body) => {
  const response = await fetch(new URL(path, base), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) throw Object.assign(new Error(json.message || response.statusText), { code: json.error, status: response.status });
  return json;
};
const fromStorage = (key) => new Promise((resolve, reject) => {
  const frame = config.storage.target === '_parent' ? window.parent : window.parent.frames[config.storage.target];
  if (!frame) return reject(new Error('no storage frame'));
  const id = 'plc-' + Math.random().toString(36).slice(2);
  const timer = setTimeout(() => { removeEventListener('message', on); reject(new Error('timeout')); }, 3000);
  function on(event) {
    if (event.origin !== config.storage.origin || !event.data || event.data.message_id !== id) return;
    clearTimeout(timer); removeEventListener('message', on);
    if (event.data.error) reject(new Error(event.data.error.code || 'error')); else resolve(event.data.value);
  }
  addEventListener('message', on);
  frame.postMessage({ subject: 'lti.get_data', message_id: id, key }, config.storage.origin);
});
let session = config.session;
let refreshing;
const token = async () => {
  if (Date.parse(session.expiresAt) - Date.now() < 60000) {
    refreshing ??= post('../auth/refresh', { refreshToken: session.refreshToken }).then((next) => { session = next; }).finally(() => { refreshing = undefined; });
    await refreshing;
  }
  return { token: session.token, personId: session.personId };
};
const resize = () => window.parent !== window && window.parent.postMessage({ subject: 'lti.frameResize', height: Math.ceil(document.documentElement.getBoundingClientRect().height) }, '*');
(async () => {
  if (!session) {
    let stored;
    try { stored = await fromStorage('plc-state-' + config.state); } catch { stored = undefined; }
    if (stored !== config.state) return fail(config.text.missingState);
    try { session = await post('./launch/confirm', { ticket: config.ticket }); } catch (error) { return fail(error.message); }
  }
  const url = new URL(location.href);
  url.search = new URLSearchParams(config.view).toString();
  history.replaceState(null, '', url);
  const { startEmbed } = await import(new URL('../embed/bundle.js', base).href);
  startEmbed({ server: new URL('..', base).href.replace(/\\/$/, ''), hostToken: token });
  new ResizeObserver(resize).observe(document.documentElement);
})().catch((error) => fail(error.message));
`;

const CSS = `
:root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.5; }
body { margin: 0; padding: 1.5rem; max-width: 46rem; }
h1 { font-size: 1.4rem; margin: 0 0 1rem; }
.refusal { border-inline-start: 4px solid #b3261e; padding-inline-start: 1rem; }
.reference { font-family: ui-monospace, monospace; font-size: 0.9rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: start; border-bottom: 1px solid #8884; padding: 0.4rem 0.5rem; vertical-align: top; }
td code { word-break: break-all; }
fieldset { border: 1px solid #8886; border-radius: 6px; margin: 0 0 1rem; padding: 0.5rem 1rem 1rem; }
legend { font-weight: 600; padding: 0 0.3rem; }
label { display: block; padding: 0.35rem 0; min-height: 24px; }
input[type=text] { font: inherit; padding: 0.4rem; width: 100%; max-width: 30rem; box-sizing: border-box; }
button, .button { font: inherit; padding: 0.5rem 1rem; border-radius: 6px; border: 1px solid #1b5e9b; background: #1b5e9b; color: #fff; cursor: pointer; text-decoration: none; display: inline-block; margin: 0.25rem 0.5rem 0.25rem 0; }
button.secondary { background: transparent; color: inherit; }
.muted { color: #5f6368; }
@media (prefers-color-scheme: dark) { .muted { color: #bdc1c6; } }
`;

/** Every asset by file name, with its content type. */
export const SIGNIN_ASSETS: Readonly<Record<string, { type: string; body: string }>> = {
  'page.css': { type: 'text/css; charset=utf-8', body: CSS },
  'submit.js': { type: 'text/javascript; charset=utf-8', body: SUBMIT },
  'registered.js': { type: 'text/javascript; charset=utf-8', body: REGISTERED },
  'login.js': { type: 'text/javascript; charset=utf-8', body: LOGIN },
  'launch.js': { type: 'text/javascript; charset=utf-8', body: LAUNCH },
};
