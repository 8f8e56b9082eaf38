// Console errors and uncaught exceptions of a page, and the check that there
// were none. Chromium reports there a script error, a refused
// Content-Security-Policy, and every resource that answered 4xx/5xx.

const errorsOf = new WeakMap();

/* Starts recording for `page` (browser.mjs calls it for every new page). */
export function watchConsole(page) {
  const errors = [];
  errorsOf.set(page, errors);
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    errors.push({ kind: 'console', text: message.text(), url: message.location()?.url || '' });
  });
  page.on('pageerror', (error) => {
    errors.push({ kind: 'exception', text: `${error.name}: ${error.message}`, url: page.url() });
  });
}

/* What was recorded so far for `page`. */
export function consoleErrors(page) {
  return [...(errorsOf.get(page) || [])];
}

/*
 * A page asks GET /api/v1/session who is signed in, and the API answers
 * 401 when no one is: Chromium logs that as a failed resource, though it is
 * the expected answer for a visitor.
 */
const EXPECTED = [(e) => e.kind === 'console' && /\/api\/v1\/session(\?|$)/.test(e.url) && /\b401\b/.test(e.text)];

/*
 * Throws when `page` logged an error or threw. `allow`: more predicates
 * (entry => bool) or RegExps on the text, for errors a test expects.
 */
export function expectNoConsoleErrors(page, { allow = [] } = {}) {
  const allowed = [...EXPECTED, ...allow.map((a) => (a instanceof RegExp ? (e) => a.test(e.text) : a))];
  const unexpected = consoleErrors(page).filter((e) => !allowed.some((ok) => ok(e)));
  if (unexpected.length === 0) return;
  const lines = unexpected.map((e) => `  ${e.kind}: ${e.text}${e.url ? ` (${e.url})` : ''}`);
  throw new Error(`${unexpected.length} console error(s) on ${page.url()}:\n${lines.join('\n')}`);
}

