/*
 * What every page shares: the language catalogue loaded first, the site
 * header (site name, main navigation, language switch, who is signed in
 * with a sign-out button, or a sign-in link) and the footer, filled into
 * the page's own <header id="site-header"> and <footer id="site-footer">
 * landmarks, and one place (#page-status) where a failure is told in words.
 *
 * A page module calls startPage(main): main(sessionOrNull) renders it.
 */
import { ApiError, forgetSession, send, session } from './api.js';
import { el, replace } from './dom.js';
import { applyMessages, initI18n, lang, LANGUAGES, setLanguage, t } from './i18n.js';

/* Language names in their own language: the same in every catalogue. */
const LANGUAGE_NAMES = { en: 'English', es: 'Español', fr: 'Français' };
const FOCUS_AFTER_RELOAD = 'hrtrack.focus';

function navLink(href, key, id) {
  const here = location.pathname === href || (href === '/' && location.pathname === '/index.html');
  return el(
    'li',
    {},
    el('a', { href, id, 'aria-current': here ? 'page' : null, 'data-i18n': key }),
  );
}

function languageSwitch() {
  const select = el('select', { id: 'lang-select', name: 'lang' });
  for (const code of LANGUAGES) {
    select.append(el('option', { value: code, lang: code, selected: code === lang() }, LANGUAGE_NAMES[code]));
  }
  select.addEventListener('change', () => {
    setLanguage(select.value);
    try {
      sessionStorage.setItem(FOCUS_AFTER_RELOAD, 'lang-select');
    } catch {
      /* focus simply starts at the top */
    }
    location.reload();
  });
  return el(
    'div',
    { class: 'lang-switch' },
    el('label', { for: 'lang-select', 'data-i18n': 'nav.language' }),
    select,
  );
}

function signInLink() {
  const next = location.pathname + location.search;
  const href = location.pathname === '/signin.html' ? '/signin.html' : `/signin.html?next=${encodeURIComponent(next)}`;
  return el('a', { href, id: 'sign-in-link', class: 'button-link', 'data-i18n': 'nav.signin' });
}

function signedIn(user) {
  const role = (user.roles || [])[0];
  const button = el('button', { type: 'button', id: 'sign-out', 'data-i18n': 'nav.signout' });
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await send('DELETE', '/api/v1/session');
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 401) {
        showStatus(err.message, 'error');
        button.disabled = false;
        return;
      }
    }
    forgetSession();
    location.reload();
  });
  return el(
    'div',
    { class: 'who', id: 'session-state' },
    el('span', { id: 'signed-in-as' }, t('nav.signed_in_as', { name: user.display_name })),
    role ? el('span', { class: 'role' }, t(`role.${role}`)) : null,
    button,
  );
}

function header(current) {
  const user = current ? current.user : null;
  const nav = el(
    'ul',
    {},
    navLink('/', 'nav.search', 'nav-search'),
    navLink('/sdg.html', 'nav.sdg', 'nav-sdg'),
    ...workspaceLinks(user),
    ...coordinationLinks(user),
  );
  return [
    el('a', { href: '/', class: 'site-name', id: 'site-name', 'data-i18n': 'site.name' }),
    el('nav', { id: 'site-nav', 'aria-label': t('nav.label') }, nav),
    el(
      'div',
      { class: 'site-tools' },
      languageSwitch(),
      user ? signedIn(user) : el('div', { class: 'who', id: 'session-state' }, signInLink()),
    ),
  ];
}

function footer() {
  return [
    el('p', { 'data-i18n': 'footer.about' }),
    el('p', { 'data-i18n': 'footer.data' }),
  ];
}

/*
 * Tells the reader something about the page as a whole (a failure, a
 * confirmation) in the live region #page-status.
 */
export function showStatus(message, kind = 'info') {
  const box = document.getElementById('page-status');
  if (!box) return;
  box.className = `page-status ${kind}`;
  replace(box, message ? el('p', {}, message) : null);
  box.hidden = !message;
}

function restoreFocus() {
  let id = null;
  try {
    id = sessionStorage.getItem(FOCUS_AFTER_RELOAD);
    sessionStorage.removeItem(FOCUS_AFTER_RELOAD);
  } catch {
    return;
  }
  const node = id ? document.getElementById(id) : null;
  if (node) node.focus();
}

/*
 * Loads the catalogue and the session, draws the header and footer, then
 * runs main(session) (null for the public). A failure of main is shown in
 * words in #page-status. options.publicPage: a page for everyone, which
 * asks who is signed in only when this browser signed in before (api.js
 * signedInHint), so that a visitor's page makes no request answered 401.
 */
export async function startPage(main, { publicPage = false } = {}) {
  /* Both at once: the session request needs only the language code, known at once. */
  const [, current] = await Promise.all([
    initI18n(),
    /* The API down: the page says so when its own data fails. */
    session({ hintOnly: publicPage }).catch(() => null),
  ]);
  const top = document.getElementById('site-header');
  const bottom = document.getElementById('site-footer');
  if (top) replace(top, ...header(current));
  if (bottom) replace(bottom, ...footer());
  applyMessages(document);
  restoreFocus();
  try {
    await main(current);
  } catch (err) {
    showStatus(err instanceof ApiError ? err.message : t('error.page'), 'error');
    if (!(err instanceof ApiError)) console.error(err);
  }
}

/*
 * The ministry workspace's links in the main navigation: "Workspace" for
 * focal points and validators, "Validation queue" for validators.
 */
function workspaceLinks(user) {
  const roles = (user && user.roles) || [];
  const link = (href, text, id) => el('li', {}, el('a', {
    href, id, 'aria-current': location.pathname === href ? 'page' : null,
  }, text));
  const out = [];
  if (roles.includes('focal_point') || roles.includes('validator')) out.push(link('/workspace.html', t('ws.nav'), 'nav-workspace'));
  if (roles.includes('validator')) out.push(link('/validation.html', t('ws.nav_queue'), 'nav-validation'));
  return out;
}

/*
 * The coordinator's and the admin's entry to the coordination pages, and
 * a civil-society account's to its own comments (the API decides what
 * each may do there; these links only spare others a page they cannot use).
 */
function coordinationLinks(user) {
  const roles = (user && user.roles) || [];
  const links = [];
  if (roles.includes('coordinator') || roles.includes('admin')) {
    links.push(navLink('/coordination.html', 'coord.nav', 'nav-coordination'));
  }
  if (roles.includes('cso')) links.push(navLink('/my-comments.html', 'cso.nav', 'nav-my-comments'));
  return links;
}
