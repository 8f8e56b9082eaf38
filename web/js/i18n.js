/*
 * Interface language: the choice (es, en or fr; kept in localStorage), the
 * message catalogue of that language (web/i18n/<lang>.json, flat keys),
 * and dates and numbers formatted with Intl in that language.
 *
 * Markup holds no text: an element names its message with
 * data-i18n="key" (its text) and data-i18n-attr="attr:key;attr:key" (its
 * attributes, e.g. placeholder or aria-label); applyMessages() fills them.
 * A missing key shows as the key itself, so that it is noticed.
 */

export const LANGUAGES = ['en', 'es', 'fr'];
const STORAGE_KEY = 'hrtrack.lang';

let current = 'en';
let messages = {};

function storedLanguage() {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; /* storage refused (private mode): fall back to the browser's */
  }
}

/*
 * The language the page's address asks for (?lang=es; like the API, only
 * the primary subtag counts and case is ignored), or null.
 */
function addressLanguage() {
  const asked = new URLSearchParams(location.search).get('lang');
  const base = asked ? asked.slice(0, 2).toLowerCase() : null;
  return LANGUAGES.includes(base) ? base : null;
}

/*
 * The chosen language: the address's ?lang= (kept as the choice, as the
 * language switch keeps it), else stored, else the browser's first of
 * ours, else en.
 */
export function chooseLanguage() {
  const asked = addressLanguage();
  if (asked) {
    setLanguage(asked);
    return asked;
  }
  const stored = storedLanguage();
  if (LANGUAGES.includes(stored)) return stored;
  for (const tag of navigator.languages || [navigator.language || 'en']) {
    const base = String(tag).slice(0, 2).toLowerCase();
    if (LANGUAGES.includes(base)) return base;
  }
  return 'en';
}

export function lang() {
  return current;
}

/*
 * Stores a new choice; the caller reloads the page to apply it. An
 * address that names a language is changed to name this one, so that the
 * reload does not bring the old one back.
 */
export function setLanguage(code) {
  if (!LANGUAGES.includes(code)) return;
  try {
    localStorage.setItem(STORAGE_KEY, code);
  } catch {
    /* not kept: the choice holds for this page only */
  }
  current = code;
  const params = new URLSearchParams(location.search);
  if (params.has('lang') && params.get('lang') !== code) {
    params.set('lang', code);
    history.replaceState(history.state, '', `${location.pathname}?${params}${location.hash}`);
  }
}

/* Loads the catalogue of the chosen language and fills the page's markup. */
export async function initI18n() {
  current = chooseLanguage();
  const reply = await fetch(`/i18n/${current}.json`, { credentials: 'same-origin' });
  messages = reply.ok ? await reply.json() : {};
  document.documentElement.lang = current;
  applyMessages(document);
}

/*
 * The message `key` with {name} placeholders replaced from `vars`. A
 * message may be plural: {"one": "...", "other": "..."}, chosen by
 * vars.count with Intl.PluralRules.
 */
export function t(key, vars = {}) {
  let message = messages[key];
  if (message === undefined) return key;
  if (typeof message === 'object') {
    const rule = new Intl.PluralRules(current).select(Number(vars.count ?? 0));
    message = message[rule] ?? message.other;
  }
  return String(message).replace(/\{(\w+)\}/g, (whole, name) => {
    if (!(name in vars)) return whole;
    const value = vars[name];
    return typeof value === 'number' ? formatNumber(value) : String(value);
  });
}

/* Whether the catalogue has `key` (for optional messages such as field names). */
export function has(key) {
  return key in messages;
}

/* Fills data-i18n and data-i18n-attr under `root`. */
export function applyMessages(root) {
  for (const node of root.querySelectorAll('[data-i18n]')) {
    node.textContent = t(node.dataset.i18n);
  }
  for (const node of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of node.dataset.i18nAttr.split(';')) {
      const [attr, key] = pair.split(':');
      if (attr && key) node.setAttribute(attr.trim(), t(key.trim()));
    }
  }
}

export function formatNumber(n) {
  return new Intl.NumberFormat(current).format(n);
}

/* A date-only value ("2025-07-03") as a date in the language, never shifted by the time zone. */
export function formatDate(iso) {
  if (!iso) return '';
  const [y, m, d] = String(iso).slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) return String(iso);
  return new Intl.DateTimeFormat(current, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

/* A timestamp ("2026-01-05T10:00:00Z") as date and time in the reader's time zone. */
export function formatDateTime(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  return new Intl.DateTimeFormat(current, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
