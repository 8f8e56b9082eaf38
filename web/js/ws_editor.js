/*
 * The status update editor of the ministry workspace: a focal point
 * reports on a recommendation assigned to the institution, or on one of
 * its actions. One form, in the page's #ws-editor section: the status
 * (the implementation-status vocabulary, in the reader's language), the
 * date the report speaks for, the narrative, links to evidence and files.
 * "Save draft" keeps it (POST, then PATCH with the version read);
 * "Submit for validation" saves and submits it; a returned update shows
 * the validator's reason and is corrected and submitted again. Files are
 * sent one by one to the attachments route once the draft exists.
 */
import { ApiError, get, send, upload } from './api.js';
import { byId, el, replace } from './dom.js';
import { formatDateTime, formatNumber, t } from './i18n.js';
import { showStatus } from './layout.js';
import { confirmDialog } from './ws_dialog.js';
import { STATUSES } from './ws_common.js';

const MAX_LINKS = 20;
/* The types the attachments route takes (docs/openapi.yaml), by file extension, for files the browser gives no type. */
const MEDIA_TYPES = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  txt: 'text/plain',
  csv: 'text/csv',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
const ACCEPT = Object.keys(MEDIA_TYPES).map((ext) => `.${ext}`).join(',');
/* The API's field names -> the form's controls. */
const CONTROLS = {
  status: 'ws-ed-status',
  as_of: 'ws-ed-asof',
  narrative: 'ws-ed-narrative',
  evidence_links: 'ws-ed-links',
  name: 'ws-ed-files',
  body: 'ws-ed-files',
  'Content-Type': 'ws-ed-files',
};

let state = null; /* {subject, update, opener, onChange, busy} of the open editor */

function todayIso() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function mediaType(file) {
  if (file.type) return file.type;
  const ext = (file.name.split('.').pop() || '').toLowerCase();
  return MEDIA_TYPES[ext] || 'application/octet-stream';
}

function field(id, labelKey, control, hintKey) {
  const hintId = hintKey ? `${id}-hint` : null;
  if (hintId) control.setAttribute('aria-describedby', hintId);
  return el('div', { class: 'field' },
    el('label', { for: id }, t(labelKey)),
    control,
    hintKey ? el('p', { class: 'hint', id: hintId }, t(hintKey)) : null);
}

function statusSelect(value) {
  const select = el('select', { id: 'ws-ed-status', name: 'status', required: true },
    el('option', { value: '' }, t('ws.ed.choose_status')),
    ...STATUSES.map((s) => el('option', { value: s, selected: s === value }, t(`status.${s}`))));
  select.value = value || '';
  return select;
}

function message(text, kind) {
  const box = byId('ws-ed-message');
  box.className = `form-message ${kind || ''}`;
  box.textContent = text;
}

function markInvalid(controlId) {
  for (const node of byId('ws-editor-form').querySelectorAll('[aria-invalid]')) node.removeAttribute('aria-invalid');
  if (!controlId) return;
  const control = document.getElementById(controlId);
  if (control) {
    control.setAttribute('aria-invalid', 'true');
    control.focus();
  }
}

function attachmentItem(a) {
  const editable = state.update && state.update.state !== 'approved';
  const toggle = el('input', { type: 'checkbox', id: `ws-att-public-${a.id}`, checked: a.public });
  toggle.addEventListener('change', () => changeAttachment(a, toggle));
  const remove = el('button', { type: 'button', class: 'link-button' }, t('ws.ed.remove_file'),
    el('span', { class: 'visually-hidden' }, ` ${a.file_name}`));
  remove.addEventListener('click', () => removeAttachment(a, remove));
  return el('li', { class: 'ws-file' },
    el('a', { href: a.url || `/api/v1/attachments/${a.id}`, download: true }, a.file_name), ' ',
    el('span', { class: 'hint' }, t('history.size', { size: formatNumber(Math.ceil((a.size || 0) / 1024)) })),
    editable ? el('span', { class: 'ws-file-tools' },
      toggle, el('label', { for: `ws-att-public-${a.id}` }, t('ws.ed.file_public')), remove) : null);
}

function renderAttachments() {
  const list = byId('ws-ed-files-list');
  const files = (state.update && state.update.attachments) || [];
  replace(list, ...files.map(attachmentItem));
  list.hidden = files.length === 0;
}

async function changeAttachment(a, toggle) {
  try {
    const changed = await send('PATCH', `/api/v1/attachments/${a.id}`, { public: toggle.checked });
    Object.assign(a, changed);
    message(t(changed.public ? 'ws.ed.file_now_public' : 'ws.ed.file_now_private', { name: a.file_name }), 'ok');
  } catch (err) {
    toggle.checked = !toggle.checked;
    message(err.message, 'error');
  }
}

async function removeAttachment(a, button) {
  button.disabled = true;
  try {
    await send('DELETE', `/api/v1/attachments/${a.id}`);
    state.update.attachments = state.update.attachments.filter((x) => x.id !== a.id);
    renderAttachments();
    message(t('ws.ed.file_removed', { name: a.file_name }), 'ok');
    byId('ws-ed-files').focus();
  } catch (err) {
    button.disabled = false;
    message(err.message, 'error');
  }
}

function form() {
  const u = state.update;
  const asOf = el('input', { type: 'date', id: 'ws-ed-asof', name: 'as_of', required: true, value: u ? u.as_of : todayIso() });
  const narrative = el('textarea', { id: 'ws-ed-narrative', name: 'narrative', maxlength: '20000', required: true, rows: '8' });
  narrative.value = u ? u.narrative : '';
  const links = el('textarea', { id: 'ws-ed-links', name: 'evidence_links', rows: '3', class: 'ws-links' });
  links.value = u ? (u.evidence_links || []).join('\n') : '';
  const files = el('input', { type: 'file', id: 'ws-ed-files', name: 'files', multiple: true, accept: ACCEPT, 'aria-describedby': 'ws-ed-files-hint' });
  const isDraft = u && u.state === 'draft';
  const buttons = el('div', { class: 'ws-buttons' },
    el('button', { type: 'submit', value: 'draft', id: 'ws-ed-save' }, t('ws.ed.save')),
    el('button', { type: 'submit', value: 'submit', id: 'ws-ed-submit' }, t('ws.ed.submit')),
    isDraft ? el('button', { type: 'button', class: 'secondary', id: 'ws-ed-delete' }, t('ws.ed.delete')) : null,
    el('button', { type: 'button', class: 'secondary', id: 'ws-ed-cancel' }, t('ws.ed.close')));
  return el('form', { id: 'ws-editor-form', class: 'form ws-form', novalidate: true, 'aria-labelledby': 'ws-editor-heading' },
    field('ws-ed-status', 'ws.ed.status', statusSelect(u ? u.status : null)),
    field('ws-ed-asof', 'ws.ed.as_of', asOf, 'ws.ed.as_of_hint'),
    field('ws-ed-narrative', 'ws.ed.narrative', narrative, 'ws.ed.narrative_hint'),
    field('ws-ed-links', 'ws.ed.links', links, 'ws.ed.links_hint'),
    el('fieldset', { class: 'ws-files' },
      el('legend', {}, t('ws.ed.files')),
      el('ul', { id: 'ws-ed-files-list', class: 'plain-list', 'aria-label': t('ws.ed.files_attached') }),
      el('label', { for: 'ws-ed-files' }, t('ws.ed.add_files')),
      files,
      el('p', { class: 'hint', id: 'ws-ed-files-hint' }, t('ws.ed.files_hint')),
      el('div', { class: 'ws-check' },
        el('input', { type: 'checkbox', id: 'ws-ed-public' }),
        el('label', { for: 'ws-ed-public' }, t('ws.ed.new_files_public')))),
    buttons,
    el('p', { id: 'ws-ed-message', class: 'form-message', role: 'status', 'aria-live': 'polite' }));
}

/* The form's values for the API, or null after telling the reader what is missing. */
function values() {
  const status = byId('ws-ed-status').value;
  const asOf = byId('ws-ed-asof').value;
  const narrative = byId('ws-ed-narrative').value.trim();
  const links = byId('ws-ed-links').value.split('\n').map((l) => l.trim()).filter(Boolean);
  const fail = (key, control, vars) => {
    message(t(key, vars), 'error');
    markInvalid(control);
    return null;
  };
  if (!status) return fail('ws.ed.need_status', 'ws-ed-status');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) return fail('ws.ed.need_date', 'ws-ed-asof');
  if (!narrative) return fail('ws.ed.need_narrative', 'ws-ed-narrative');
  if (links.length > MAX_LINKS) return fail('ws.ed.too_many_links', 'ws-ed-links', { max: MAX_LINKS });
  const bad = links.find((l) => !/^https?:\/\/[^\s/]+\S*$/i.test(l));
  if (bad) return fail('ws.ed.bad_link', 'ws-ed-links', { link: bad });
  markInvalid(null);
  return { status, as_of: asOf, narrative, evidence_links: links };
}

function changes(v, u) {
  const out = {};
  for (const name of ['status', 'as_of', 'narrative']) if (v[name] !== u[name]) out[name] = v[name];
  if (JSON.stringify(v.evidence_links) !== JSON.stringify(u.evidence_links || [])) out.evidence_links = v.evidence_links;
  return out;
}

/* Creates the draft or saves the changes; then sends the chosen files. */
async function saveDraft(v) {
  const u = state.update;
  if (!u) {
    state.update = await send('POST', '/api/v1/status-updates', { ...state.subject.ids, ...v });
  } else {
    const changed = changes(v, u);
    if (Object.keys(changed).length) {
      state.update = await send('PATCH', `/api/v1/status-updates/${u.id}`, { ...changed, version: u.version });
    }
  }
  const input = byId('ws-ed-files');
  const chosen = [...(input.files || [])];
  if (!chosen.length) return;
  const isPublic = byId('ws-ed-public').checked;
  for (const file of chosen) {
    try {
      await upload(`/api/v1/status-updates/${state.update.id}/attachments`,
        { name: file.name, public: String(isPublic) }, file, mediaType(file));
    } catch (err) {
      throw new ApiError(err.status, err.code, err.field || 'name',
        `${t('ws.ed.file_failed', { name: file.name })} ${err.message}`);
    }
  }
  input.value = '';
  /* Read again: the files, and the version the next write must name. */
  state.update = await get(`/api/v1/status-updates/${state.update.id}`);
}

function busy(on) {
  state.busy = on;
  for (const button of byId('ws-editor-form').querySelectorAll('button')) button.disabled = on;
  byId('ws-editor-form').setAttribute('aria-busy', on ? 'true' : 'false');
}

async function save(intent) {
  if (state.busy) return;
  const v = values();
  if (!v) return;
  busy(true);
  message(t(intent === 'submit' ? 'ws.ed.submitting' : 'ws.ed.saving'), '');
  try {
    await saveDraft(v);
    if (intent === 'submit') {
      const submitted = await send('POST', `/api/v1/status-updates/${state.update.id}/submit`, { version: state.update.version });
      const { onChange, subject } = state;
      closeEditor();
      showStatus(t('ws.ed.submitted', { subject: subject.label }), 'ok');
      onChange('submitted', submitted);
      return;
    }
    renderHead();
    renderAttachments();
    addDeleteButton();
    message(t('ws.ed.saved', { time: formatDateTime(state.update.updated_at) }), 'ok');
    state.onChange('saved', state.update);
  } catch (err) {
    message(err.message, 'error');
    markInvalid(CONTROLS[err.field] || null);
    if (state.update) {
      /* The draft exists even when a file or the submission failed: the form says so, and goes on from it. */
      renderHead();
      addDeleteButton();
      state.onChange('saved', state.update);
    }
  } finally {
    if (state) busy(false);
  }
}

function addDeleteButton() {
  if (document.getElementById('ws-ed-delete') || state.update.state !== 'draft') return;
  const button = el('button', { type: 'button', class: 'secondary', id: 'ws-ed-delete' }, t('ws.ed.delete'));
  byId('ws-ed-cancel').before(button);
  button.addEventListener('click', deleteDraft);
}

async function deleteDraft() {
  const ok = await confirmDialog({ title: t('ws.ed.delete_title'), text: t('ws.ed.delete_text'), confirm: t('ws.ed.delete') });
  if (!ok) return;
  busy(true);
  try {
    const u = state.update;
    await send('DELETE', `/api/v1/status-updates/${u.id}?version=${u.version}`);
    const { onChange } = state;
    closeEditor();
    showStatus(t('ws.ed.deleted'), 'ok');
    onChange('deleted', u);
  } catch (err) {
    message(err.message, 'error');
    busy(false);
  }
}

function renderHead() {
  const u = state.update;
  replace(byId('ws-editor-heading'), t(u ? 'ws.ed.heading_edit' : 'ws.ed.heading_new', { subject: state.subject.label }));
  const reason = byId('ws-editor-reason');
  reason.hidden = !(u && u.state === 'returned');
  if (!reason.hidden) {
    replace(reason, el('p', {}, el('strong', {}, t('ws.returned_reason'))), el('p', { class: 'text-block' }, u.return_reason || ''));
  }
  const stateLine = byId('ws-editor-state');
  stateLine.textContent = u ? t(`ws.state.${u.state}`) : t('ws.ed.new_note');
}

/*
 * Opens the editor. subject: {ids: {recommendation_id} or {action_id},
 * label: what it is about, in words}; update: the draft or returned update
 * to go on with, or null for a new one; opener: where the focus goes back
 * on closing; onChange(event, update) with event saved, submitted or
 * deleted, for the page to refresh its lists.
 */
export function openEditor({ subject, update, opener, onChange }) {
  state = { subject, update, opener, onChange, busy: false };
  const section = byId('ws-editor');
  replace(byId('ws-editor-body'), form());
  renderHead();
  renderAttachments();
  const f = byId('ws-editor-form');
  f.addEventListener('submit', (event) => {
    event.preventDefault();
    save(event.submitter && event.submitter.value === 'submit' ? 'submit' : 'draft');
  });
  byId('ws-ed-cancel').addEventListener('click', () => closeEditor());
  const del = document.getElementById('ws-ed-delete');
  if (del) del.addEventListener('click', deleteDraft);
  section.hidden = false;
  byId('ws-editor-heading').focus();
}

/* Closes the editor; the focus goes back to what opened it, when it is still there. */
export function closeEditor() {
  if (!state) return;
  const { opener } = state;
  state = null;
  byId('ws-editor').hidden = true;
  replace(byId('ws-editor-body'));
  if (opener && opener.isConnected) opener.focus();
}

/* The id of the update being edited, if any (the page keeps it open when its lists change). */
export function editing() {
  return state && state.update ? state.update.id : null;
}
