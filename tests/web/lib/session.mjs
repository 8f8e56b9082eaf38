// Signing in, two ways. signIn() does it from inside the browser page, so
// the HttpOnly session cookie lands in the browser as when a person signs
// in, and the pages opened afterwards in that context are signed in.
// apiAs() does it from Node for a test's set-up (data a flow starts from),
// which must not go through pages the test is not about.
import { hrtrackBase, pagesBase, PASSWORD } from './hrtrack.mjs';

/*
 * Makes sure `page` is on the hrtrack origin, where its fetch carries the
 * cookie: on one of its HTML pages, whose Content-Security-Policy lets
 * scripts fetch from the origin (the API's own replies allow nothing at all:
 * default-src 'none', so a fetch run in a JSON document is refused).
 */
async function onServer(page, base) {
  const url = page.url();
  if (url.startsWith(`${base}/`) && !url.startsWith(`${base}/api/`)) return;
  await page.goto(`${base}/404.html`);
}

/*
 * A fetch run in the page: `method path` with a JSON body, the session's
 * CSRF token when given. Resolves to {status, body} (body parsed when JSON).
 */
export async function pageFetch(page, method, path, { body, csrf } = {}) {
  return page.evaluate(async ({ method, path, body, csrf }) => {
    const headers = {};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (csrf) headers['X-CSRF-Token'] = csrf;
    const reply = await fetch(path, {
      method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await reply.text();
    let parsed = text;
    try { parsed = JSON.parse(text); } catch { /* not JSON: the text as it is */ }
    return { status: reply.status, body: parsed };
  }, { method, path, body, csrf });
}

/*
 * Signs `email` in (POST /api/v1/session from the page), with the fixture's
 * password unless told. The page stays where it was, or is on
 * /404.html if it was on another site or on an API reply; reload or open a page after.
 * Returns the Session ({user, csrf_token}); throws on any other answer.
 */
export async function signIn(page, email, { password = PASSWORD, base = pagesBase() } = {}) {
  await onServer(page, base);
  const { status, body } = await pageFetch(page, 'POST', '/api/v1/session', { body: { email, password } });
  if (status !== 201) throw new Error(`sign-in of ${email} answered ${status}: ${JSON.stringify(body)}`);
  // What web/js/api.js does after a sign-in: the hint that tells public
  // pages to ask who is signed in (the session cookie itself is HttpOnly).
  await page.evaluate(() => { document.cookie = 'hrtrack_signed_in=1; Path=/; SameSite=Strict'; });
  return body;
}

/* Who the page's browser context is signed in as: the Session, or null (401). */
export async function whoAmI(page, { base = pagesBase() } = {}) {
  await onServer(page, base);
  const { status, body } = await pageFetch(page, 'GET', '/api/v1/session');
  if (status === 401) return null;
  if (status !== 200) throw new Error(`GET /api/v1/session answered ${status}: ${JSON.stringify(body)}`);
  return body;
}

/*
 * An API client signed in as `email` from Node (for set-up and checks, not
 * for what a test shows through the pages). Methods get/post/put/patch/del
 * (path, body?) resolve to the parsed JSON and throw when the status is not
 * `expect` (default: any 2xx).
 */
export async function apiAs(email, { password = PASSWORD, base = hrtrackBase() } = {}) {
  const call = async (method, path, body, { expect, cookie, csrf } = {}) => {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (cookie) headers.Cookie = cookie;
    if (csrf) headers['X-CSRF-Token'] = csrf;
    const reply = await fetch(base + path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await reply.text();
    const ok = expect === undefined ? reply.status >= 200 && reply.status < 300 : reply.status === expect;
    if (!ok) throw new Error(`${email}: ${method} ${path} answered ${reply.status}: ${text.slice(0, 500)}`);
    return { reply, json: text ? JSON.parse(text) : null };
  };
  const { reply, json } = await call('POST', '/api/v1/session', { email, password }, { expect: 201 });
  const cookie = (reply.headers.get('set-cookie') || '').split(';')[0];
  const as = { cookie, csrf: json.csrf_token };
  const verb = (method) => async (path, body, options = {}) =>
    (await call(method, path, body, { ...as, ...options })).json;
  return {
    session: json,
    get: verb('GET'), post: verb('POST'), put: verb('PUT'), patch: verb('PATCH'), del: verb('DELETE'),
  };
}
