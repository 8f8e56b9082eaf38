/*
 * One cluster on clusters.html?id=N: its name, description, priority and
 * institutions, the forms that change them (PATCH the cluster; PUT its
 * assignment, which every member receives in the same transaction), its
 * members with a button to take one out, a field to add recommendations
 * by number, and deleting it (the members keep their own plans). Every
 * write names the cluster's version read; a 409 reloads the cluster and
 * says that someone changed it meanwhile.
 */
import { ApiError, get, send, sendWithQuery } from './api.js';
import { byId, el, replace } from './dom.js';
import { assignmentFields, FieldError, priorityFields } from './assignment_form.js';
import { formSay, hasRole, institutionLabel, institutionMap, markInvalid, recLink } from './coord.js';
import { formatNumber, t } from './i18n.js';
import { showStatus } from './layout.js';

let cluster = null;
let institutions = new Map();
let editable = false;
let fields = null;

function fact(dl, label, value) {
  dl.append(el('dt', {}, label), el('dd', {}, value));
}

function renderFacts() {
  byId('cluster-heading').textContent = cluster.name;
  document.title = `${cluster.name} — ${t('site.name')}`;
  byId('cluster-description').textContent = cluster.description || '';
  const dl = replace(byId('cluster-facts'));
  fact(dl, t('plan.priority'), cluster.priority ? t(`priority.${cluster.priority}`) : t('plan.none'));
  if (cluster.priority_reason) fact(dl, t('plan.reason'), cluster.priority_reason);
  fact(dl, t('plan.lead'), institutionLabel(institutions, cluster.lead));
  fact(dl, t('plan.support'), (cluster.support || []).map((i) => institutionLabel(institutions, i)).join('; ') || t('plan.none'));
  fact(dl, t('coord.clusters.members'), formatNumber(cluster.member_count || 0));
}

function renderForms() {
  byId('edit-name').value = cluster.name;
  byId('edit-description').value = cluster.description || '';
  const priority = priorityFields('edit', cluster);
  replace(byId('edit-priority'), ...priority.nodes);
  const assignment = assignmentFields('assign', institutions, cluster);
  replace(byId('assign-fields'), ...assignment.nodes);
  fields = { priority, assignment };
}

function render() {
  renderFacts();
  if (editable) renderForms();
}

/* Reloads the cluster after a 409 and says why the form changed under the reader. */
async function reloadAfterConflict(message) {
  cluster = await get(`/api/v1/clusters/${cluster.id}`);
  render();
  formSay(message, t('coord.conflict_reloaded'), 'error');
}

async function write(method, path, body, message, okKey) {
  try {
    const reply = await send(method, path, body);
    if (reply && reply.id === cluster.id && reply.version) cluster = reply;
    render();
    formSay(message, t(okKey), 'ok');
    return true;
  } catch (err) {
    if (err instanceof ApiError && err.status === 409) await reloadAfterConflict(message);
    else formSay(message, err.message, 'error');
    return false;
  }
}

function wireEdit() {
  byId('cluster-edit').addEventListener('submit', async (event) => {
    event.preventDefault();
    const message = byId('edit-message');
    const name = byId('edit-name').value.trim();
    markInvalid([byId('edit-name')], name ? null : byId('edit-name'));
    if (!name) {
      formSay(message, t('coord.clusters.name_missing'), 'error');
      byId('edit-name').focus();
      return;
    }
    const body = { name, description: byId('edit-description').value.trim(), ...fields.priority.read(), version: cluster.version };
    await write('PATCH', `/api/v1/clusters/${cluster.id}`, body, message, 'coord.saved');
  });
  byId('cluster-assign').addEventListener('submit', async (event) => {
    event.preventDefault();
    const message = byId('assign-message');
    let body;
    try {
      body = { ...fields.assignment.read(), version: cluster.version };
    } catch (err) {
      if (!(err instanceof FieldError)) throw err;
      markInvalid(fields.assignment.controls, err.control);
      formSay(message, err.message, 'error');
      err.control.focus();
      return;
    }
    await write('PUT', `/api/v1/clusters/${cluster.id}/assignment`, body, message, 'coord.clusters.assigned');
  });
}

async function changeMembers(change, message, okKey) {
  const ok = await write('POST', `/api/v1/clusters/${cluster.id}/members`, { ...change, version: cluster.version }, message, okKey);
  if (ok) await loadMembers(null);
  return ok;
}

function memberRow(m) {
  const remove = el('button', { type: 'button', class: 'secondary' }, t('coord.clusters.remove'));
  remove.setAttribute('aria-label', t('coord.clusters.remove_one', { rec: recLink(m).textContent }));
  remove.addEventListener('click', async () => {
    remove.disabled = true;
    const ok = await changeMembers({ remove: [m.id] }, byId('add-message'), 'coord.clusters.removed');
    if (ok) byId('members-heading').focus();
    else remove.disabled = false;
  });
  return el('tr', {},
    el('th', { scope: 'row' }, recLink(m), el('br'), el('a', { href: `/plan.html?id=${m.id}`, class: 'hint' }, t('coord.plan.link'))),
    el('td', { class: 'text-cell' }, m.text || ''),
    editable ? el('td', {}, remove) : null);
}

async function loadMembers(cursor) {
  const params = { limit: '50' };
  if (cursor) params.cursor = cursor;
  const page = await get(`/api/v1/clusters/${cluster.id}/members`, params);
  const body = byId('members-body');
  if (!cursor) replace(body);
  body.append(...(page.items || []).map(memberRow));
  byId('members-heading').textContent = t('coord.clusters.member_count', { count: page.total || 0 });
  const more = byId('members-more');
  more.hidden = !page.next_cursor;
  more.onclick = page.next_cursor ? () => loadMembers(page.next_cursor).catch((err) => showStatus(err.message, 'error')) : null;
}

/* "12, 15 301" -> [12, 15, 301], or null when something else was typed. */
function parseIds(text) {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  if (!parts.length || parts.length > 1000 || parts.some((p) => !/^[1-9][0-9]{0,15}$/.test(p))) return null;
  return [...new Set(parts.map(Number))];
}

function wireMembers() {
  byId('members-add').addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = byId('add-ids');
    const ids = parseIds(input.value);
    markInvalid([input], ids ? null : input);
    if (!ids) {
      formSay(byId('add-message'), t('coord.clusters.add_bad'), 'error');
      input.focus();
      return;
    }
    if (await changeMembers({ add: ids }, byId('add-message'), 'coord.clusters.added')) input.value = '';
  });
  byId('cluster-delete').addEventListener('click', async () => {
    try {
      await sendWithQuery('DELETE', `/api/v1/clusters/${cluster.id}`, { version: String(cluster.version) });
      location.assign('/clusters.html');
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) await reloadAfterConflict(byId('delete-message'));
      else formSay(byId('delete-message'), err.message, 'error');
    }
  });
}

export async function showCluster(id, current) {
  editable = hasRole(current, 'coordinator');
  [cluster, institutions] = await Promise.all([get(`/api/v1/clusters/${id}`), institutionMap()]);
  byId('cluster-detail').hidden = false;
  for (const node of document.querySelectorAll('#cluster-detail .edit-only')) node.hidden = !editable;
  byId('cluster-forms').hidden = !editable;
  byId('cluster-readonly').hidden = editable;
  render();
  if (editable) {
    wireEdit();
    wireMembers();
  }
  await loadMembers(null);
  if (new URLSearchParams(location.search).get('created')) showStatus(t('coord.clusters.created'), 'ok');
}
