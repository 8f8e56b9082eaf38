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

/* The signed-in session {user, csrf_token}, or null for the public. Asked once per page. */
export function session() {
  if (sessionPromise === null) {
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
