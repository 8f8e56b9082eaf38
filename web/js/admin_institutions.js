/*
 * Institutions on admin.html (admins only): the list (the names in the
 * reader's language), an edit form with the names in the three languages,
 * the kind and whether it is active (only the changed fields are sent,
 * with the version read), and a form for a new institution. A deactivated
 * institution keeps its history but gets no new assignments.
 */
import { ApiError, get, send } from './api.js';
import { byId, el, replace } from './dom.js';
import { formSay, markInvalid } from './coord.js';
import { t } from './i18n.js';
import { showStatus } from './layout.js';

const KINDS = ['ministry', 'agency', 'judiciary', 'legislature', 'nhri', 'local_government', 'other'];
const FIELDS = { acronym: 'i-acronym', name_en: 'i-name-en', name_es: 'i-name-es', name_fr: 'i-name-fr' };

let list = [];
let editing = null;
let opener = null;
let onChange = async () => {};

function row(i) {
  const edit = el('button', { type: 'button', class: 'secondary', 'aria-label': t('coord.inst.edit_one', { name: i.acronym }) }, t('coord.users.edit'));
  edit.addEventListener('click', () => openForm(i, edit));
  return el('tr', {},
    el('th', { scope: 'row' }, i.acronym),
    el('td', {}, i.name),
    el('td', {}, t(`coord.inst.kind_${i.kind}`)),
    el('td', {}, t(i.active ? 'coord.users.is_active' : 'coord.users.is_inactive')),
    el('td', {}, edit));
}

async function load() {
  list = (await get('/api/v1/institutions')).items || [];
  replace(byId('inst-body'), ...list.map(row));
  await onChange(list);
}

function openForm(i, from) {
  editing = i;
  opener = from;
  byId('inst-form-heading').textContent = i ? t('coord.inst.edit_heading', { name: i.acronym }) : t('coord.inst.new');
  byId('inst-save').textContent = t(i ? 'coord.save' : 'coord.inst.create');
  for (const [key, id] of Object.entries(FIELDS)) byId(id).value = i ? i[key] : '';
  byId('i-kind').value = i ? i.kind : 'ministry';
  byId('i-active').checked = i ? i.active : true;
  formSay(byId('inst-message'), '', 'ok');
  byId('inst-form').hidden = false;
  byId('inst-form-heading').focus();
}

function closeForm() {
  byId('inst-form').hidden = true;
  if (opener && opener.isConnected) opener.focus();
  editing = null;
}

async function save() {
  const message = byId('inst-message');
  const values = { kind: byId('i-kind').value, active: byId('i-active').checked };
  let missing = null;
  for (const [key, id] of Object.entries(FIELDS)) {
    values[key] = byId(id).value.trim();
    if (!values[key] && !missing) missing = byId(id);
  }
  if (!missing && /[\s/]/.test(values.acronym)) missing = byId('i-acronym');
  markInvalid(Object.values(FIELDS).map(byId), missing);
  if (missing) {
    formSay(message, t(missing.id === 'i-acronym' && values.acronym ? 'coord.inst.acronym_bad' : 'coord.inst.missing'), 'error');
    missing.focus();
    return;
  }
  try {
    if (editing) {
      const body = { version: editing.version };
      for (const [key, value] of Object.entries(values)) if (value !== editing[key]) body[key] = value;
      await send('PATCH', `/api/v1/institutions/${editing.id}`, body);
    } else {
      await send('POST', '/api/v1/institutions', values);
    }
    showStatus(t('coord.inst.saved', { name: values.acronym }), 'ok');
    await load();
    closeForm();
  } catch (err) {
    const conflict = err instanceof ApiError && err.status === 409 && editing && err.field !== 'acronym';
    formSay(message, conflict ? t('coord.conflict_reloaded') : err.message, 'error');
    if (conflict) {
      await load();
      const now = list.find((i) => i.id === editing.id);
      if (now) openForm(now, opener);
    }
  }
}

/* `changed(list)` runs after every load, so that the users' institution lists follow. */
export async function showInstitutions(changed) {
  onChange = changed;
  replace(byId('i-kind'), ...KINDS.map((k) => el('option', { value: k }, t(`coord.inst.kind_${k}`))));
  byId('inst-new').addEventListener('click', (event) => openForm(null, event.currentTarget));
  byId('inst-cancel').addEventListener('click', closeForm);
  byId('inst-form').addEventListener('submit', (event) => {
    event.preventDefault();
    save();
  });
  await load();
}
