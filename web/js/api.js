/*
 * The JSON API as the pages use it: same-origin requests with the session
 * cookie, the interface language passed as lang=, the session's CSRF token
 * (GET /api/v1/session) sent as X-CSRF-Token on every write, and errors
 * turned into an ApiError whose message is in the reader's language, made
 * from the API's error code and the field it names.
 */
import { has, lang, t } from './i18n.js';

export class ApiError extends Error {
  constructor(status, code, field, apiMessage) {
    super(errorMessage(status, code, field, apiMessage));
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

/*
 * The words for an error: the catalogue's message for the code (the API's
 * own message, already in the language asked, for a code the catalogue
 * lacks), followed by the name of the field at fault.
 */
function errorMessage(status, code, field, apiMessage) {
  let message;
  if (code && has(`error.${code}`)) message = t(`error.${code}`);
  else if (apiMessage) message = apiMessage;
  else if (status === 0) message = t('error.network');
  else message = t('error.http', { status });
  if (field) {
    const name = has(`field.${field}`) ? t(`field.${field}`) : field;
    message += ' ' + t('error.field', { field: name });
  }
  return message;
}

/* "/api/v1/x" with `params` (an object or URLSearchParams) and lang=. */
export function apiUrl(path, params = {}) {
  const query = new URLSearchParams(params);
  if (!query.has('lang')) query.set('lang', lang());
  return `${path}?${query}`;
}

let sessionPromise = null;

/*
 * The signed-in session {user, csrf_token}, or null for the public. Asked
 * once per page. With hintOnly (public pages), the API is asked only when
 * this browser signed in before (signedInHint): a visitor's page then
 * makes no request that can only answer 401, which the browser would log
 * as an error.
 */
export function session({ hintOnly = false } = {}) {
  if (sessionPromise === null) {
    if (hintOnly && !signedInHint()) return Promise.resolve(null);
    sessionPromise = request('GET', '/api/v1/session').catch((err) => {
      if (err.status === 401) return null;
      throw err;
    });
  }
  return sessionPromise;
}

/* Forgets the session read (after signing in or out). */
export function forgetSession() {
  sessionPromise = null;
}

async function request(method, path, params, body, csrf) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (csrf) headers['X-CSRF-Token'] = csrf;
  let reply;
  try {
    reply = await fetch(apiUrl(path, params), {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, null, null, null);
  }
  noteSession(method, path, reply.status);
  let data = null;
  try {
    data = await reply.json();
  } catch {
    data = null;
  }
  if (!reply.ok) {
    const error = (data && data.error) || {};
    throw new ApiError(reply.status, error.code || null, error.field || null, error.message);
  }
  return data;
}

/* GET path?params: the reply's JSON, or an ApiError. */
export function get(path, params = {}) {
  return request('GET', path, params);
}

/* A write (POST, PUT, PATCH, DELETE) with a JSON body, carrying the CSRF token. */
export async function send(method, path, body) {
  let csrf = null;
  if (path !== '/api/v1/session' || method !== 'POST') {
    const s = await session();
    if (s === null) throw new ApiError(401, 'unauthenticated', null, null);
    csrf = s.csrf_token;
  }
  return request(method, path, {}, body, csrf);
}

/*
 * Whether someone may be signed in on this browser: a cookie that the
 * pages (not the server) set when the API says there is a session, and
 * clear when it says there is none. The session cookie itself is HttpOnly
 * and cannot be read from a script. It is only a hint: it says whether to
 * ask, never who is signed in, and holds no secret.
 */
const HINT_COOKIE = 'hrtrack_signed_in';

export function signedInHint() {
  return document.cookie.split(/;\s*/).includes(`${HINT_COOKIE}=1`);
}

function setSignedInHint(on) {
  /* No Max-Age: it ends with the browser session, as the session cookie does. */
  document.cookie = on ? `${HINT_COOKIE}=1; Path=/; SameSite=Strict` : `${HINT_COOKIE}=; Path=/; SameSite=Strict; Max-Age=0`;
}

/* Keeps the hint in step with what a reply says: 401 anywhere means no session. */
function noteSession(method, path, status) {
  if (status === 401) setSignedInHint(false);
  else if (path === '/api/v1/session' && status >= 200 && status < 300) setSignedInHint(method !== 'DELETE');
}

/*
 * Sends a file as the request's body (POST path?params with the file's
 * own Content-Type, not JSON), with the session's CSRF token: the
 * attachments of a status update. The reply's JSON, or an ApiError.
 */
export async function upload(path, params, file, contentType) {
  const s = await session();
  if (s === null) throw new ApiError(401, 'unauthenticated', null, null);
  let reply;
  try {
    reply = await fetch(apiUrl(path, params), {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': contentType, 'X-CSRF-Token': s.csrf_token },
      credentials: 'same-origin',
      body: file,
    });
  } catch {
    throw new ApiError(0, null, null, null);
  }
  noteSession('POST', path, reply.status);
  let data = null;
  try {
    data = await reply.json();
  } catch {
    data = null;
  }
  if (!reply.ok) {
    const error = (data && data.error) || {};
    throw new ApiError(reply.status, error.code || null, error.field || null, error.message);
  }
  return data;
}

/*
 * A write that needs no session and so no CSRF token (the sign-in-free
 * routes, e.g. POST /api/v1/registrations), made the same way as send().
 */
export function sendWithoutSession(method, path, body) {
  return request(method, path, {}, body, null);
}

/* A write whose route takes query parameters too (DELETE ...?version=N), carrying the CSRF token. */
export async function sendWithQuery(method, path, params, body) {
  const s = await session();
  if (s === null) throw new ApiError(401, 'unauthenticated', null, null);
  return request(method, path, params, body, s.csrf_token);
}
