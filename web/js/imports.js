/*
 * The record of imports (/imports.html): each run of hrtrack-import,
 * newest first (GET /api/v1/import-runs), with its source, file and
 * checksum and how many records it read, inserted, updated, left as they
 * were and refused; filtered by source and to the runs that refused
 * records, exported as the list shows. The refused records themselves are
 * in the reject report the import wrote (its --rejects file): the page
 * says where, since the database does not keep them.
 */
import { get } from './api.js';
import { byId, el, replace } from './dom.js';
import { allowed } from './coord.js';
import { setExportLinks } from './exports.js';
import { formatDateTime, formatNumber, t } from './i18n.js';
import { showStatus, startPage } from './layout.js';

function filters() {
  const params = {};
  if (byId('imports-kind').value) params.kind = byId('imports-kind').value;
  if (byId('imports-rejects').checked) params.rejects = 'true';
  return params;
}

/* The last part of a path, with the whole path kept for whoever looks closer. */
function fileCell(run) {
  const name = String(run.file_name || '').split('/').pop();
  return el('td', { class: 'break file-cell' }, name,
    el('span', { class: 'hint cell-note' }, t('coord.imports.sha', { sha: String(run.sha256 || '').slice(0, 12) })));
}

function number(n, strong) {
  const text = formatNumber(n || 0);
  return el('td', { class: 'number' }, strong && n ? el('strong', { class: 'overdue' }, text) : text);
}

function runRow(run) {
  return el('tr', {},
    el('th', { scope: 'row' }, formatDateTime(run.finished_at),
      el('span', { class: 'hint cell-note' }, t('coord.imports.run', { id: String(run.id) }))),
    el('td', {}, t(`coord.imports.kind_${run.kind}`)),
    fileCell(run),
    number(run.records_read), number(run.inserted), number(run.updated), number(run.unchanged),
    number(run.rejected, true));
}

async function load(before) {
  const params = { ...filters(), limit: '50' };
  if (before) params.before = String(before);
  setExportLinks('imports-export', '/api/v1/import-runs', filters());
  const page = await get('/api/v1/import-runs', params);
  const body = byId('imports-body');
  if (!before) replace(body);
  body.append(...(page.items || []).map(runRow));
  byId('imports-count').textContent = t('coord.imports.count', { count: page.total || 0 });
  body.closest('.table-scroll').hidden = body.children.length === 0;
  const more = byId('imports-more');
  more.hidden = page.next_before == null;
  more.onclick = page.next_before == null ? null
    : () => load(page.next_before).catch((err) => showStatus(err.message, 'error'));
}

startPage(async (current) => {
  if (!allowed(current, ['coordinator', 'admin'], 'coord.only')) return;
  byId('imports-content').hidden = false;
  const reload = () => load(0).catch((err) => showStatus(err.message, 'error'));
  byId('imports-kind').addEventListener('change', reload);
  byId('imports-rejects').addEventListener('change', reload);
  byId('imports-filter').addEventListener('submit', (event) => {
    event.preventDefault();
    reload();
  });
  await load(0);
});
