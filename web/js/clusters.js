/*
 * Clusters (/clusters.html): the list of clusters with their priority and
 * institutions, creating one, and the automatic suggestions for a state's
 * recommendations that are in no cluster yet, each accepted as it is or
 * under an edited name (POST /api/v1/clusters, then its members); with
 * ?id=N, one cluster (cluster_detail.js). The coordinator writes; admins
 * read.
 */
import { get, send } from './api.js';
import { byId, el, replace } from './dom.js';
import { showCluster } from './cluster_detail.js';
import { allowed, formSay, hasRole, institutionMap } from './coord.js';
import { formatNumber, t } from './i18n.js';
import { showStatus, startPage } from './layout.js';
import { showSuggestions } from './cluster_suggestions.js';

function clusterId() {
  const id = new URLSearchParams(location.search).get('id');
  return /^[1-9][0-9]{0,17}$/.test(id || '') ? id : null;
}

function acronyms(institutions, ids) {
  return ids.map((id) => (institutions.get(id) || { acronym: `#${id}` }).acronym).join(', ');
}

function clusterRow(c, institutions) {
  return el('tr', {},
    el('th', { scope: 'row' }, el('a', { href: `/clusters.html?id=${encodeURIComponent(c.id)}` }, c.name)),
    el('td', {}, c.priority ? t(`priority.${c.priority}`) : '–'),
    el('td', {}, c.lead ? acronyms(institutions, [c.lead]) : '–'),
    el('td', {}, acronyms(institutions, c.support || []) || '–'),
    el('td', { class: 'number' }, formatNumber(c.member_count || 0)));
}

async function loadClusters(institutions, cursor) {
  const params = { limit: '50' };
  if (cursor) params.cursor = cursor;
  const page = await get('/api/v1/clusters', params);
  const body = byId('cluster-body');
  if (!cursor) replace(body);
  body.append(...(page.items || []).map((c) => clusterRow(c, institutions)));
  byId('list-count').textContent = t('coord.clusters.count', { count: page.total || 0 });
  const more = byId('list-more');
  more.hidden = !page.next_cursor;
  more.onclick = page.next_cursor
    ? () => loadClusters(institutions, page.next_cursor).catch((err) => showStatus(err.message, 'error'))
    : null;
}

function wireNewCluster() {
  const form = byId('new-form');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const message = byId('new-message');
    const name = byId('new-name').value.trim();
    if (!name) {
      byId('new-name').setAttribute('aria-invalid', 'true');
      formSay(message, t('coord.clusters.name_missing'), 'error');
      byId('new-name').focus();
      return;
    }
    byId('new-name').removeAttribute('aria-invalid');
    const body = { name };
    const description = byId('new-description').value.trim();
    if (description) body.description = description;
    try {
      const created = await send('POST', '/api/v1/clusters', body);
      location.assign(`/clusters.html?id=${created.id}&created=1`);
    } catch (err) {
      formSay(message, err.message, 'error');
    }
  });
}

async function showOverview(current) {
  byId('clusters-overview').hidden = false;
  const editable = hasRole(current, 'coordinator');
  for (const node of document.querySelectorAll('#clusters-overview .edit-only')) node.hidden = !editable;
  const institutions = await institutionMap();
  if (editable) wireNewCluster();
  await Promise.all([loadClusters(institutions, null), showSuggestions(editable)]);
}

startPage(async (current) => {
  if (!allowed(current, ['coordinator', 'admin'], 'coord.only')) return;
  const id = clusterId();
  if (id) await showCluster(id, current);
  else await showOverview(current);
});
