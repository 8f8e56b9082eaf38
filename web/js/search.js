/*
 * The search page (/): a search box, facets with counts (GET
 * /api/v1/recommendations/facets), the result list with highlighted
 * snippets (GET /api/v1/recommendations), keyset pages, sort and exports
 * of the current filter. The whole query lives in the address
 * (history.pushState), so that the back button and a shared link give the
 * same page. Two API calls per view, made together.
 */
import { apiUrl, get } from './api.js';
import { byId, clear, el, highlighted, replace } from './dom.js';
import { formatDate, formatNumber, t } from './i18n.js';
import { showStatus, startPage } from './layout.js';
import { readQuery, searchHref, toParams } from './query.js';

const PAGE_SIZE = 20;
const SHOWN_VALUES = 8;

/* Facet groups in the order shown: the facets reply's key and the filter it sets. */
const GROUPS = [
  { key: 'status', param: 'status' },
  { key: 'state', param: 'state' },
  { key: 'mechanism', param: 'mechanism' },
  { key: 'body', param: 'body' },
  { key: 'position', param: 'position' },
  { key: 'sdg_goal', param: 'sdg_goal' },
  { key: 'sdg_target', param: 'sdg_target' },
  { key: 'theme', param: 'theme' },
  { key: 'affected_person', param: 'affected_person' },
  { key: 'institution', param: 'institution' },
];

let query = {};
let generation = 0; /* a reply of an older query is dropped */
const expanded = new Set(); /* facet groups showing all their values */

function navigate(next, { replaceEntry = false } = {}) {
  query = next;
  const href = searchHref(query);
  if (replaceEntry) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  load();
}

function withoutCursor(q) {
  const next = { ...q };
  delete next.cursor;
  return next;
}

function toggleValue(param, value, on) {
  const next = withoutCursor(query);
  const values = new Set(next[param] || []);
  if (on) values.add(String(value));
  else values.delete(String(value));
  if (values.size) next[param] = [...values];
  else delete next[param];
  navigate(next);
}

function setYear(year) {
  const next = withoutCursor(query);
  delete next.from;
  delete next.to;
  if (year) {
    next.from = [`${year}-01-01`];
    next.to = [`${year}-12-31`];
  }
  navigate(next);
}

/* The year the from/to filter covers, when it is exactly one calendar year. */
function selectedYear() {
  const from = (query.from || [])[0];
  const to = (query.to || [])[0];
  if (from && to && /^\d{4}-01-01$/.test(from) && to === `${from.slice(0, 4)}-12-31`) return from.slice(0, 4);
  return null;
}

function valueLabel(group, item) {
  if (group.key === 'sdg_target') return `${item.value} ${item.name}`;
  if (group.key === 'sdg_goal') return `${item.value}. ${item.name}`;
  if (group.key === 'institution') return item.name ? `${item.acronym} — ${item.name}` : item.acronym;
  if (group.key === 'state' || group.key === 'mechanism') return item.name || String(item.value);
  return item.name || String(item.value);
}

function controlId(param, value) {
  return `f-${param}-${String(value).replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

function checkbox(group, item, checked) {
  const id = controlId(group.param, item.value);
  const input = el('input', { type: 'checkbox', id, name: group.param, value: item.value, checked });
  input.addEventListener('change', () => toggleValue(group.param, item.value, input.checked));
  return el(
    'li',
    {},
    input,
    el(
      'label',
      { for: id },
      el('span', { class: 'facet-name' }, valueLabel(group, item)),
      ' ',
      el('span', { class: 'facet-count' }, item.count === null ? '' : formatNumber(item.count)),
    ),
  );
}

/* Values shown: the selected ones first (even when no longer counted), then the largest. */
function groupValues(group, items) {
  const selected = new Set(query[group.param] || []);
  const present = new Set(items.map((i) => String(i.value)));
  const missing = [...selected].filter((v) => !present.has(v)).map((v) => ({ value: v, name: v, count: null }));
  const sorted = [...items];
  if (group.key !== 'sdg_goal' && group.key !== 'sdg_target' && group.key !== 'status') {
    sorted.sort((a, b) => b.count - a.count);
  }
  const chosen = sorted.filter((i) => selected.has(String(i.value)));
  const rest = sorted.filter((i) => !selected.has(String(i.value)));
  return { selected, list: [...missing, ...chosen, ...rest] };
}

function facetGroup(group, items) {
  const { selected, list } = groupValues(group, items);
  const id = `facet-${group.key}`;
  const all = expanded.has(group.key) || list.length <= SHOWN_VALUES + 2;
  const shown = all ? list : list.slice(0, Math.max(SHOWN_VALUES, selected.size));
  const ul = el('ul', { class: 'facet-values', id: `${id}-values` });
  for (const item of shown) ul.append(checkbox(group, item, selected.has(String(item.value))));
  const fieldset = el('fieldset', { class: 'facet', id }, el('legend', {}, t(`facet.${group.key}`)), ul);
  if (list.length > shown.length || expanded.has(group.key)) {
    const more = el('button', {
      type: 'button',
      class: 'link-button',
      id: `${id}-more`,
      'aria-expanded': String(all),
      'aria-controls': `${id}-values`,
    }, all ? t('facet.fewer') : t('facet.all', { count: list.length }));
    more.addEventListener('click', () => {
      if (all) expanded.delete(group.key);
      else expanded.add(group.key);
      renderFacets(lastFacets);
      document.getElementById(`${id}-more`)?.focus();
    });
    fieldset.append(more);
  }
  return fieldset;
}

function yearGroup(items) {
  const current = selectedYear();
  const ul = el('ul', { class: 'facet-values', id: 'facet-year-values' });
  const option = (value, label, count) => {
    const id = `f-year-${value || 'any'}`;
    const input = el('input', { type: 'radio', id, name: 'year', value, checked: (current || '') === value });
    input.addEventListener('change', () => setYear(value));
    return el('li', {}, input, el('label', { for: id }, el('span', { class: 'facet-name' }, label), ' ',
      el('span', { class: 'facet-count' }, count === null ? '' : formatNumber(count))));
  };
  ul.append(option('', t('facet.any_year'), null));
  const years = [...items].sort((a, b) => b.value - a.value);
  for (const item of years) ul.append(option(String(item.value), String(item.value), item.count));
  return el('fieldset', { class: 'facet', id: 'facet-year' }, el('legend', {}, t('facet.year')), ul);
}

let lastFacets = null;

function renderFacets(facets) {
  lastFacets = facets;
  const box = byId('facet-groups');
  const focused = document.activeElement && box.contains(document.activeElement) ? document.activeElement.id : null;
  clear(box);
  for (const group of GROUPS) {
    const items = facets[group.key];
    if (!Array.isArray(items)) continue; /* institution: only for those who may read planning data */
    if (items.length === 0 && !(query[group.param] || []).length) continue;
    box.append(facetGroup(group, items));
    if (group.key === 'position') box.append(yearGroup(facets.year || []));
  }
  if (focused) document.getElementById(focused)?.focus();
}

function stateNames(facets) {
  const names = new Map();
  for (const item of (facets && facets.state) || []) names.set(item.value, item.name);
  return names;
}

function mechanismNames(facets) {
  const names = new Map();
  for (const item of (facets && facets.mechanism) || []) names.set(item.value, item.name);
  return names;
}

export function recTitle(item) {
  const symbol = item.symbol || (item.document && item.document.symbol);
  if (symbol && item.paragraph) return t('rec.ref', { symbol, paragraph: item.paragraph });
  if (symbol) return symbol;
  return t('rec.number', { id: String(item.id) });
}

function resultItem(item, states, mechanisms) {
  const meta = el('ul', { class: 'meta' });
  const add = (label, value) => {
    if (value) meta.append(el('li', {}, el('span', { class: 'meta-label' }, label), ' ', value));
  };
  add(t('rec.states'), (item.states || []).map((c) => states.get(c) || c).join(', '));
  add(t('rec.mechanism'), mechanisms.get(item.mechanism) || item.mechanism);
  if (item.position) add(t('rec.position'), t(`position.${item.position}`));
  if (item.cycle) add(t('rec.cycle'), t('rec.cycle_session', { cycle: item.cycle, session: item.session || '–' }));
  if (item.published) add(t('rec.published'), formatDate(item.published));
  if ((item.sdg_targets || []).length) add(t('rec.sdg_targets'), item.sdg_targets.join(', '));
  const status = item.status || 'none';
  const text = el('p', { class: 'rec-text', lang: item.language || null });
  if (item.snippet) text.append(highlighted(item.snippet));
  else text.textContent = item.text || '';
  return el(
    'li',
    { class: 'result' },
    el(
      'article',
      { 'aria-labelledby': `r-${item.id}` },
      el('h3', {}, el('a', { href: `/recommendation.html?id=${encodeURIComponent(item.id)}`, id: `r-${item.id}` }, recTitle(item))),
      el('p', { class: `status-badge s-${status}` }, t(`status.${status}`)),
      text,
      meta,
    ),
  );
}

function renderResults(page, facets) {
  const list = byId('result-list');
  const states = stateNames(facets);
  const mechanisms = mechanismNames(facets);
  replace(list, ...page.items.map((item) => resultItem(item, states, mechanisms)));
  byId('result-count').textContent = t('search.count', { count: page.total });
  byId('no-results').hidden = page.total !== 0;
  const next = byId('next-page');
  next.hidden = !page.next_cursor;
  next.onclick = () => {
    navigate({ ...query, cursor: [page.next_cursor] });
    byId('results-heading').focus();
  };
  const first = byId('first-page');
  first.hidden = !query.cursor;
  first.setAttribute('href', searchHref(withoutCursor(query)));
}

function renderExports() {
  const params = toParams(query, ['cursor']);
  for (const format of ['csv', 'xlsx', 'json']) {
    const p = new URLSearchParams(params);
    p.set('format', format);
    byId(`export-${format}`).setAttribute('href', apiUrl('/api/v1/recommendations', p));
  }
}

function renderForm() {
  const q = (query.q || [''])[0];
  const input = byId('q');
  if (document.activeElement !== input) input.value = q;
  const sort = byId('sort');
  const relevance = sort.querySelector('option[value="relevance"]');
  relevance.disabled = !q;
  sort.value = (query.sort || [q ? 'relevance' : 'date'])[0];
  byId('clear-filters').hidden = Object.keys(withoutCursor(query)).filter((k) => k !== 'q' && k !== 'sort').length === 0;
}

async function load() {
  const mine = ++generation;
  renderForm();
  renderExports();
  const results = byId('results');
  results.setAttribute('aria-busy', 'true');
  const listParams = toParams(query);
  listParams.set('limit', String(PAGE_SIZE));
  const facetParams = toParams(query, ['cursor', 'sort']);
  try {
    const [page, facets] = await Promise.all([
      get('/api/v1/recommendations', listParams),
      get('/api/v1/recommendations/facets', facetParams),
    ]);
    if (mine !== generation) return;
    showStatus('');
    renderFacets(facets);
    renderResults(page, facets);
  } catch (err) {
    if (mine !== generation) return;
    showStatus(err.message, 'error');
    clear(byId('result-list'));
    byId('result-count').textContent = '';
    byId('next-page').hidden = true;
  } finally {
    if (mine === generation) results.setAttribute('aria-busy', 'false');
  }
}

function wireForm() {
  byId('search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const next = withoutCursor(query);
    const q = byId('q').value.trim();
    if (q) next.q = [q];
    else delete next.q;
    if (!q && (next.sort || [])[0] === 'relevance') delete next.sort;
    if (q && (next.sort || [])[0] === 'date' && !query.q) delete next.sort;
    navigate(next);
  });
  byId('sort').addEventListener('change', () => {
    const next = withoutCursor(query);
    next.sort = [byId('sort').value];
    navigate(next);
  });
  byId('clear-filters').addEventListener('click', () => {
    const next = {};
    if (query.q) next.q = query.q;
    navigate(next);
    byId('q').focus();
  });
  window.addEventListener('popstate', () => {
    query = readQuery(location.search);
    load();
  });
  const panel = byId('facets-panel');
  if (window.matchMedia('(min-width: 50em)').matches) panel.open = true;
}

startPage(async () => {
  query = readQuery(location.search);
  wireForm();
  await load();
}, { publicPage: true });
