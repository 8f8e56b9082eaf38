/*
 * Setting a password with the one-time token an admin handed over
 * (/password.html#token=…): the token travels in the address's fragment,
 * which browsers never send to a server, and is taken out of the address
 * once read. POST /api/v1/password-reset needs no session.
 */
import { sendWithoutSession } from './api.js';
import { byId } from './dom.js';
import { t } from './i18n.js';
import { startPage } from './layout.js';
import { formSay, markInvalid } from './coord.js';

const PASSWORD_MIN = 12;

function tokenFromAddress() {
  const match = /(?:^|[#&])token=([A-Za-z0-9_-]{1,100})/.exec(location.hash);
  if (match) history.replaceState(null, '', location.pathname);
  return match ? match[1] : '';
}

async function submit() {
  const message = byId('pw-message');
  const token = byId('pw-token');
  const password = byId('pw-new');
  const again = byId('pw-again');
  let bad = null;
  let why = '';
  if (!token.value.trim()) [bad, why] = [token, t('coord.pw.token_missing')];
  else if ([...password.value].length < PASSWORD_MIN) [bad, why] = [password, t('cso.register.short_password')];
  else if (password.value !== again.value) [bad, why] = [again, t('coord.pw.mismatch')];
  markInvalid([token, password, again], bad);
  if (bad) {
    formSay(message, why, 'error');
    bad.focus();
    return;
  }
  const button = byId('pw-submit');
  button.disabled = true;
  try {
    await sendWithoutSession('POST', '/api/v1/password-reset', { token: token.value.trim(), password: password.value });
    byId('pw-form').reset();
    formSay(message, t('coord.pw.done'), 'ok');
    byId('pw-done').hidden = false;
  } catch (err) {
    formSay(message, err.message, 'error');
  } finally {
    button.disabled = false;
  }
}

startPage(async () => {
  byId('pw-token').value = tokenFromAddress();
  byId('pw-form').addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
  });
});
