/*
 * The automatic cluster suggestions on clusters.html (GET
 * /api/v1/clusters/suggestions?state=XX): for the chosen state, groups of
 * its unclustered recommendations that share a theme (or an SDG goal),
 * each with the reason, its recommendations on demand, and a name field
 * to accept it as proposed or edited. Accepting makes the cluster and
 * adds the members, then opens the new cluster to set its priority and
 * institutions.
 */
import { get, send } from './api.js';
import { byId, el, replace } from './dom.js';
import { formSay, recLink } from './coord.js';
import { t } from './i18n.js';

const SHOWN_MEMBERS = 10;

/* The states that have recommendations, most first: the country followed up comes first. */
async function stateChoices() {
  const facets = await get('/api/v1/recommendations/facets');
  return facets.state || [];
}

/* Loads the first recommendations of a suggestion when its list is opened. */
function membersDetails(s) {
  const list = el('ul', { class: 'plain-list' });
  const details = el('details', {}, el('summary', {}, t('coord.sugg.members', { count: s.count })), list);
  let loaded = false;
  details.addEventListener('toggle', async () => {
    if (!details.open || loaded) return;
    loaded = true;
    list.append(el('li', {}, t('cso.loading')));
    const ids = s.recommendation_ids.slice(0, SHOWN_MEMBERS);
    const recs = await Promise.all(ids.map((id) => get(`/api/v1/recommendations/${id}`).catch(() => ({ id }))));
    replace(list, ...recs.map((r) => el('li', {}, recLink(r), r.text ? ` — ${r.text.slice(0, 200)}` : '')));
    if (s.recommendation_ids.length > SHOWN_MEMBERS) {
      list.append(el('li', {}, t('coord.sugg.and_more', { count: s.recommendation_ids.length - SHOWN_MEMBERS })));
    }
  });
  return details;
}

async function accept(s, nameInput, message, button) {
  const name = nameInput.value.trim();
  if (!name) {
    nameInput.setAttribute('aria-invalid', 'true');
    formSay(message, t('coord.clusters.name_missing'), 'error');
    nameInput.focus();
    return;
  }
  nameInput.removeAttribute('aria-invalid');
  button.disabled = true;
  let created = null;
  try {
    created = await send('POST', '/api/v1/clusters', { name, description: s.reason || '' });
    await send('POST', `/api/v1/clusters/${created.id}/members`, { add: s.recommendation_ids, version: created.version });
    location.assign(`/clusters.html?id=${created.id}&created=1`);
  } catch (err) {
    /* A cluster made but left without members is said so, with its page. */
    formSay(message, created ? t('coord.sugg.members_failed', { message: err.message }) : err.message, 'error');
    button.disabled = false;
  }
}

function suggestionNode(s, index, editable) {
  const id = `sugg-${index}`;
  const nameInput = el('input', { id: `${id}-name`, type: 'text', maxlength: '200', value: s.name });
  const message = el('p', { class: 'form-message', role: 'status', 'aria-live': 'polite' });
  const button = el('button', { type: 'submit' }, t('coord.sugg.accept'));
  const form = el('form', { class: 'form', novalidate: true, 'aria-labelledby': `${id}-heading` },
    el('div', { class: 'field' }, el('label', { for: nameInput.id }, t('coord.sugg.name')), nameInput),
    el('div', {}, button), message);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    accept(s, nameInput, message, button);
  });
  return el('li', { class: 'card' },
    el('h3', { id: `${id}-heading` }, s.name),
    el('p', {}, s.reason || ''),
    membersDetails(s),
    editable ? form : null);
}

async function loadSuggestions(state, editable) {
  const list = byId('sugg-list');
  list.setAttribute('aria-busy', 'true');
  try {
    const reply = await get('/api/v1/clusters/suggestions', { state });
    const items = reply.items || [];
    byId('sugg-summary').textContent = t('coord.sugg.summary', { count: items.length, unclustered: reply.unclustered || 0 });
    replace(list, ...items.map((s, i) => suggestionNode(s, i, editable)));
  } finally {
    list.removeAttribute('aria-busy');
  }
}

/* The state asked in the address (?state=PY), if it is one of `states`. */
function askedState(states) {
  const asked = (new URLSearchParams(location.search).get('state') || '').toUpperCase();
  return states.some((s) => s.value === asked) ? asked : null;
}

export async function showSuggestions(editable) {
  const states = await stateChoices();
  const select = byId('sugg-state');
  replace(select, ...states.map((s) => el('option', { value: s.value }, s.name)));
  if (!states.length) {
    byId('sugg-summary').textContent = t('coord.sugg.no_states');
    return;
  }
  select.value = askedState(states) || states[0].value;
  select.addEventListener('change', () => {
    history.replaceState(null, '', `?state=${encodeURIComponent(select.value)}`);
    loadSuggestions(select.value, editable).catch((err) => {
      byId('sugg-summary').textContent = err.message;
    });
  });
  await loadSuggestions(select.value, editable);
}
