/*
 * The sign-in page (/signin.html?next=/path): POST /api/v1/session with
 * the email and password, then back to the page the reader came from
 * (only a path of this site: never an address elsewhere).
 */
import { forgetSession, send } from './api.js';
import { byId } from './dom.js';
import { t } from './i18n.js';
import { startPage } from './layout.js';

/* Where to go after signing in: a path of this site, else the search page. */
function nextPage() {
  const next = new URLSearchParams(location.search).get('next') || '/';
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || next.startsWith('/signin.html')) return '/';
  return next;
}

startPage(async (current) => {
  const form = byId('signin-form');
  const message = byId('signin-message');
  if (current) {
    message.className = 'form-message ok';
    message.textContent = t('signin.already', { name: current.user.display_name });
  }
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const email = byId('email').value.trim();
    const password = byId('password').value;
    if (!email || !password) {
      message.className = 'form-message error';
      message.textContent = t('signin.missing');
      byId(email ? 'password' : 'email').focus();
      return;
    }
    const button = byId('signin-submit');
    button.disabled = true;
    message.textContent = '';
    try {
      await send('POST', '/api/v1/session', { email, password });
      forgetSession();
      location.assign(nextPage());
    } catch (err) {
      message.className = 'form-message error';
      message.textContent = err.message;
      byId('password').value = '';
      byId('password').focus();
      button.disabled = false;
    }
  });
}, { publicPage: true });
