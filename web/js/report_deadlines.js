/*
 * The report deadlines on reports.html: the country's reports due, still
 * to submit, submitted or all, with exports; the coordinator records a new
 * one and marks one submitted (PATCH with the version read). Below, what
 * is due across actions, indicators and reports within 60 days or
 * overdue (GET /api/v1/deadlines), soonest first, with exports.
 */
import { ApiError, get, send } from './api.js';
import { byId, el, replace } from './dom.js';
import { formSay, hasRole, institutionMap, institutionOptions, markInvalid } from './coord.js';
import { setExportLinks } from './exports.js';
import { formatDate, t } from './i18n.js';
import { showStatus } from './layout.js';

const KINDS = ['upr_midterm', 'upr_national_report', 'treaty_periodic', 'treaty_followup', 'special_procedure', 'vnr', 'other'];
const DUE_WITHIN_DAYS = 60;

let editable = false;

function today() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function filterParams() {
  const submitted = byId('deadline-filter').value;
  return submitted ? { submitted } : {};
}

function markSubmitted(d, button) {
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await send('PATCH', `/api/v1/report-deadlines/${d.id}`, { submitted_on: today(), version: d.version });
      showStatus(t('coord.deadlines.marked', { title: d.title }), 'ok');
      await loadDeadlines(0);
    } catch (err) {
      showStatus(err instanceof ApiError && err.status === 409 ? t('coord.conflict_reloaded') : err.message, 'error');
      if (err instanceof ApiError && err.status === 409) await loadDeadlines(0);
      else button.disabled = false;
    }
  });
  return button;
}

function deadlineRow(d) {
  const due = [formatDate(d.due_date)];
  if (d.overdue) due.push(' ', el('strong', { class: 'overdue' }, t('actions.overdue')));
  const action = editable && !d.submitted_on
    ? markSubmitted(d, el('button', { type: 'button', class: 'secondary' }, t('coord.deadlines.mark')))
    : null;
  return el('tr', {},
    el('th', { scope: 'row' }, d.title, d.body_name ? el('span', { class: 'hint cell-note' }, d.body_name) : null,
      d.note ? el('span', { class: 'hint cell-note' }, d.note) : null),
    el('td', {}, t(`coord.kind.${d.kind}`)),
    el('td', {}, d.institution || t('coord.deadlines.coordinator')),
    el('td', {}, ...due),
    el('td', {}, d.submitted_on ? formatDate(d.submitted_on) : '–'),
    editable ? el('td', {}, action) : null);
}

async function loadDeadlines(after) {
  const params = { ...filterParams(), limit: '50' };
  if (after) params.after = String(after);
  setExportLinks('deadline-export', '/api/v1/report-deadlines', filterParams());
  const page = await get('/api/v1/report-deadlines', params);
  const body = byId('deadline-body');
  if (!after) replace(body);
  body.append(...(page.items || []).map(deadlineRow));
  byId('deadline-count').textContent = t('coord.deadlines.count', { count: page.total || 0 });
  body.closest('.table-scroll').hidden = body.children.length === 0;
  const more = byId('deadline-more');
  more.hidden = page.next_after == null;
  more.onclick = page.next_after == null ? null
    : () => loadDeadlines(page.next_after).catch((err) => showStatus(err.message, 'error'));
}

function wireNewDeadline(institutions) {
  replace(byId('dl-kind'), ...KINDS.map((k) => el('option', { value: k }, t(`coord.kind.${k}`))));
  institutionOptions(byId('dl-institution'), institutions, { emptyKey: 'coord.deadlines.coordinator' });
  const form = byId('deadline-form');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const message = byId('dl-message');
    const title = byId('dl-title');
    const due = byId('dl-due');
    const bad = !title.value.trim() ? title : (!/^\d{4}-\d{2}-\d{2}$/.test(due.value) ? due : null);
    markInvalid([title, due], bad);
    if (bad) {
      formSay(message, t(bad === title ? 'coord.deadlines.title_missing' : 'coord.deadlines.due_missing'), 'error');
      bad.focus();
      return;
    }
    const body = { kind: byId('dl-kind').value, title: title.value.trim(), due_date: due.value };
    if (byId('dl-body').value.trim()) body.body_name = byId('dl-body').value.trim();
    if (byId('dl-institution').value) body.institution_id = Number(byId('dl-institution').value);
    if (byId('dl-note').value.trim()) body.note = byId('dl-note').value.trim();
    try {
      await send('POST', '/api/v1/report-deadlines', body);
      form.reset();
      formSay(message, t('coord.deadlines.created'), 'ok');
      await loadDeadlines(0);
    } catch (err) {
      formSay(message, err.message, 'error');
    }
  });
}

function dueItem(item) {
  const what = t(`coord.due.kind_${item.kind}`);
  const when = item.overdue
    ? t('coord.due.overdue_by', { count: -item.days_left })
    : t('coord.due.in_days', { count: item.days_left });
  const recs = (item.recommendations || []).slice(0, 3).map((id) =>
    el('a', { href: `/recommendation.html?id=${encodeURIComponent(id)}` }, t('rec.number', { id: String(id) })));
  return el('li', { class: item.overdue ? 'due-item overdue-item' : 'due-item' },
    el('strong', {}, formatDate(item.due_date)), ` · ${what} · `, item.title,
    item.institution ? ` · ${item.institution.acronym}` : '', ' · ',
    el('span', { class: item.overdue ? 'overdue' : 'hint' }, when),
    recs.length ? el('span', { class: 'hint' }, ' · ', ...recs.flatMap((r, i) => (i ? [', ', r] : [r]))) : null);
}

async function loadDue() {
  const params = { within: String(DUE_WITHIN_DAYS) };
  setExportLinks('due-export', '/api/v1/deadlines', params);
  const page = await get('/api/v1/deadlines', { ...params, limit: '100' });
  const items = page.items || [];
  byId('due-empty').hidden = items.length > 0;
  replace(byId('due-list'), ...items.map(dueItem));
}

export async function showDeadlines(current) {
  editable = hasRole(current, 'coordinator');
  for (const node of document.querySelectorAll('#deadlines .edit-only')) node.hidden = !editable;
  byId('deadline-filter').addEventListener('change', () => loadDeadlines(0).catch((err) => showStatus(err.message, 'error')));
  const institutions = await institutionMap();
  if (editable) wireNewDeadline(institutions);
  await Promise.all([loadDeadlines(0), loadDue()]);
}
