/*
 * User accounts on admin.html (admins only): the list, filtered as one
 * types, an edit form (email, name, institution, roles, active) that sends
 * only what changed with the version read, a form for a new account, and a
 * one-time password-reset token for a person to set their password
 * (password.html): the API answers it once, and the page shows it once.
 */
import { ApiError, get, send } from './api.js';
import { byId, el, replace } from './dom.js';
import { formSay, institutionOptions, markInvalid } from './coord.js';
import { t } from './i18n.js';
import { showStatus } from './layout.js';

const ROLES = ['admin', 'coordinator', 'focal_point', 'validator', 'cso', 'unct'];
const STAFF_WITH_INSTITUTION = ['focal_point', 'validator'];

let users = [];
let institutions = new Map();
let editing = null; /* the user being edited, or null for a new one */
let opener = null;

function matches(u, text) {
  if (!text) return true;
  const hay = `${u.display_name} ${u.email} ${(u.roles || []).join(' ')}`.toLowerCase();
  return hay.includes(text.toLowerCase());
}

function showToken(user, token) {
  byId('token-heading').textContent = t('coord.users.token_for', { name: user.display_name });
  byId('token-value').textContent = token;
  const link = `${location.origin}/password.html#token=${token}`;
  replace(byId('token-link'), t('coord.users.token_link'), ' ', el('code', {}, link));
  byId('token-box').hidden = false;
  byId('token-box').focus();
}

async function newToken(u, button) {
  button.disabled = true;
  try {
    const reply = await send('POST', `/api/v1/users/${u.id}/password-reset`);
    showToken(u, reply.password_reset_token);
  } catch (err) {
    showStatus(err.message, 'error');
  } finally {
    button.disabled = false;
  }
}

function userRow(u) {
  const edit = el('button', { type: 'button', class: 'secondary', 'aria-label': t('coord.users.edit_one', { name: u.display_name }) }, t('coord.users.edit'));
  edit.addEventListener('click', () => openForm(u, edit));
  const token = el('button', { type: 'button', class: 'secondary', 'aria-label': t('coord.users.token_one', { name: u.display_name }) }, t('coord.users.token'));
  token.addEventListener('click', () => newToken(u, token));
  const inst = u.institution_id ? institutions.get(u.institution_id) : null;
  const state = [t(u.active ? 'coord.users.is_active' : 'coord.users.is_inactive')];
  if (!u.has_password) state.push(t('coord.users.no_password'));
  return el('tr', {},
    el('th', { scope: 'row' }, u.display_name),
    el('td', { class: 'break' }, u.email),
    el('td', {}, (u.roles || []).map((r) => t(`role.${r}`)).join(', ') || '–'),
    el('td', {}, inst ? inst.acronym : '–'),
    el('td', {}, state.join(' · ')),
    el('td', {}, el('div', { class: 'button-row' }, edit, token)));
}

/* Draws the list again (after a change of the institutions it names). */
export function renderUsers() {
  const text = byId('user-filter').value.trim();
  const shown = users.filter((u) => matches(u, text));
  replace(byId('user-body'), ...shown.map(userRow));
  byId('user-count').textContent = t('coord.users.count', { count: shown.length });
}

async function loadUsers() {
  users = (await get('/api/v1/users')).items || [];
  renderUsers();
}

function roleBoxes(selected) {
  replace(byId('u-roles'), ...ROLES.map((r) => el('li', {},
    el('input', { type: 'checkbox', id: `u-role-${r}`, value: r, checked: selected.includes(r) }),
    el('label', { for: `u-role-${r}` }, t(`role.${r}`)))));
}

function openForm(u, from) {
  editing = u;
  opener = from;
  byId('user-form-heading').textContent = u ? t('coord.users.edit_heading', { name: u.display_name }) : t('coord.users.new');
  byId('user-save').textContent = t(u ? 'coord.save' : 'coord.users.create');
  byId('u-email').value = u ? u.email : '';
  byId('u-name').value = u ? u.display_name : '';
  replace(byId('u-institution'));
  institutionOptions(byId('u-institution'), institutions, { keep: u ? u.institution_id : null });
  roleBoxes(u ? u.roles || [] : []);
  byId('u-active').checked = u ? u.active : true;
  formSay(byId('user-message'), '', 'ok');
  byId('user-form').hidden = false;
  byId('user-form-heading').focus();
}

function closeForm() {
  byId('user-form').hidden = true;
  if (opener && opener.isConnected) opener.focus();
  editing = null;
}

/* The form's values, or a [message, control] at fault. */
function readForm() {
  const email = byId('u-email').value.trim();
  const name = byId('u-name').value.trim();
  const institution = byId('u-institution').value ? Number(byId('u-institution').value) : null;
  const roles = ROLES.filter((r) => byId(`u-role-${r}`).checked);
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) return [null, t('cso.register.bad_email'), byId('u-email')];
  if (!name) return [null, t('coord.users.name_missing'), byId('u-name')];
  if (!institution && roles.some((r) => STAFF_WITH_INSTITUTION.includes(r))) {
    return [null, t('coord.users.institution_needed'), byId('u-institution')];
  }
  return [{ email, display_name: name, institution_id: institution, roles, active: byId('u-active').checked }, null, null];
}

/* Only the fields that differ from `u`, and its version. */
function changes(u, values) {
  const body = { version: u.version };
  for (const [key, value] of Object.entries(values)) {
    if (JSON.stringify(value) !== JSON.stringify(u[key])) body[key] = value;
  }
  return body;
}

async function save() {
  const message = byId('user-message');
  const [values, problem, control] = readForm();
  markInvalid([byId('u-email'), byId('u-name'), byId('u-institution')], control);
  if (!values) {
    formSay(message, problem, 'error');
    control.focus();
    return;
  }
  try {
    if (editing) {
      await send('PATCH', `/api/v1/users/${editing.id}`, changes(editing, values));
      showStatus(t('coord.users.saved', { name: values.display_name }), 'ok');
      await loadUsers();
      closeForm();
    } else {
      const body = { ...values };
      if (body.institution_id === null) delete body.institution_id;
      const created = await send('POST', '/api/v1/users', body);
      await loadUsers();
      byId('user-form').hidden = true;
      showToken(created, created.password_reset_token);
    }
  } catch (err) {
    formSay(message, err instanceof ApiError && err.status === 409 && editing ? t('coord.conflict_reloaded') : err.message, 'error');
    if (err instanceof ApiError && err.status === 409 && editing) {
      await loadUsers();
      const now = users.find((u) => u.id === editing.id);
      if (now) openForm(now, opener);
    }
  }
}

export async function showUsers(institutionsById) {
  institutions = institutionsById;
  byId('user-filter').addEventListener('input', renderUsers);
  byId('user-new').addEventListener('click', (event) => openForm(null, event.currentTarget));
  byId('user-cancel').addEventListener('click', closeForm);
  byId('user-form').addEventListener('submit', (event) => {
    event.preventDefault();
    save();
  });
  await loadUsers();
}
