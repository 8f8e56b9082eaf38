/*
 * Registering a civil-society account (/register.html?next=/path): a
 * public name that may be a pseudonym, an email to sign in with, a
 * password and, optionally, an organisation (POST /api/v1/registrations,
 * which needs no session). The page says why so little is asked and who
 * sees what. The reply is the same whether or not the address already
 * had an account (the API makes sure of it), and so is the page: it
 * shows the API's own message and the way to sign in.
 */
import { sendWithoutSession } from './api.js';
import { byId } from './dom.js';
import { t } from './i18n.js';
import { startPage } from './layout.js';

const PASSWORD_MIN = 12;

/* The sign-in page, carrying the page to return to (a path of this site only). */
function signInHref() {
  const next = new URLSearchParams(location.search).get('next') || '';
  const safe = next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\');
  return safe ? `/signin.html?next=${encodeURIComponent(next)}` : '/signin.html';
}

function say(message, kind) {
  const box = byId('register-message');
  box.className = `form-message ${kind}`;
  box.textContent = message;
}

/* The first field at fault before sending, or null: [id, message]. */
function invalidField(values) {
  if (!values.public_name) return ['public-name', t('cso.register.missing_name')];
  if (!/^[^\s@]+@[^\s@]+$/.test(values.email)) return ['email', t('cso.register.bad_email')];
  if ([...values.password].length < PASSWORD_MIN) return ['password', t('cso.register.short_password')];
  return null;
}

function markInvalid(id) {
  for (const field of ['public-name', 'email', 'password', 'organisation']) {
    if (field === id) byId(field).setAttribute('aria-invalid', 'true');
    else byId(field).removeAttribute('aria-invalid');
  }
}

/* The id of the form field an API error names. */
const FIELD_IDS = { public_name: 'public-name', email: 'email', password: 'password', organisation: 'organisation' };

async function register(form) {
  const values = {
    public_name: byId('public-name').value.trim(),
    email: byId('email').value.trim(),
    password: byId('password').value,
  };
  const organisation = byId('organisation').value.trim();
  if (organisation) values.organisation = organisation;
  const bad = invalidField(values);
  if (bad) {
    markInvalid(bad[0]);
    say(bad[1], 'error');
    byId(bad[0]).focus();
    return;
  }
  markInvalid(null);
  const button = byId('register-submit');
  button.disabled = true;
  try {
    const reply = await sendWithoutSession('POST', '/api/v1/registrations', values);
    form.reset();
    say(reply.message || t('cso.register.done'), 'ok');
    byId('register-done').hidden = false;
  } catch (err) {
    const id = FIELD_IDS[err.field];
    if (id) {
      markInvalid(id);
      byId(id).focus();
    }
    say(err.message, 'error');
  } finally {
    button.disabled = false;
  }
}

startPage(async (current) => {
  byId('register-signin').setAttribute('href', signInHref());
  if (current) say(t('signin.already', { name: current.user.display_name }), 'ok');
  const form = byId('register-form');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    register(form);
  });
});
