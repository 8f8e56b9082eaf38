/*
 * The SDG dashboard (/sdg.html): the 17 goals as tiles with the number of
 * recommendations linked to each (GET /api/v1/sdg/goals for the titles,
 * the facets for the counts), for all states or one (?state=); and for a
 * chosen goal (?goal=) a chart of its targets by number of
 * recommendations, split by implementation status. The goal's summary
 * (GET /api/v1/sdg/goals/{goal}/summary) lists its targets; the counts
 * come from the facets, as the search page counts, so that each number
 * links to exactly the list it counts. A status split needs one facets
 * call per status present (usually one or two).
 */
import { get } from './api.js';
import { stackedBars } from './chart.js';
import { byId, el, replace } from './dom.js';
import { formatNumber, t } from './i18n.js';
import { showStatus, startPage } from './layout.js';
import { searchHref } from './query.js';

const STATUSES = ['implemented', 'partially_implemented', 'in_progress', 'not_started', 'not_applicable', 'none'];

let goals = [];
let view = { state: null, goal: null };

function readView() {
  const params = new URLSearchParams(location.search);
  const state = params.get('state');
  const goal = Number(params.get('goal'));
  return {
    state: state && /^[A-Za-z]{2}$/.test(state) ? state.toUpperCase() : null,
    goal: Number.isInteger(goal) && goal >= 1 && goal <= 17 ? goal : null,
  };
}

function viewHref(next) {
  const params = new URLSearchParams();
  if (next.state) params.set('state', next.state);
  if (next.goal) params.set('goal', String(next.goal));
  const text = params.toString();
  return text ? `/sdg.html?${text}` : '/sdg.html';
}

function withState(filters) {
  return view.state ? { ...filters, state: [view.state] } : filters;
}

function stateFilter() {
  return view.state ? { state: view.state } : {};
}

function renderTiles(counts) {
  const list = byId('goal-tiles');
  replace(list, ...goals.map((goal) => {
    const n = counts.get(goal.goal) || 0;
    const link = el('a', {
      href: viewHref({ ...view, goal: goal.goal }),
      class: `goal-tile sdg-${goal.goal}`,
      id: `goal-tile-${goal.goal}`,
      'aria-current': view.goal === goal.goal ? 'true' : null,
    },
    el('span', { class: 'goal-number' }, formatNumber(goal.goal)),
    el('span', { class: 'goal-title' }, goal.short_title || goal.title),
    el('span', { class: 'goal-count' }, t('sdg.tile_count', { count: n })));
    link.addEventListener('click', (event) => {
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
      event.preventDefault();
      go({ ...view, goal: goal.goal }, true);
    });
    return el('li', {}, link);
  }));
}

function targetsOf(goal, items) {
  const prefix = `${goal}.`;
  const counts = new Map();
  for (const item of items || []) {
    if (String(item.value).startsWith(prefix)) counts.set(String(item.value), item.count);
  }
  return counts;
}

/* Per target, per status: one facets call per status the goal has (none needed for one). */
async function statusSplit(goal, facets) {
  const present = (facets.status || []).filter((s) => s.count > 0).map((s) => s.value);
  const split = new Map(); /* target -> {status: n} */
  if (present.length === 1) {
    for (const [target, n] of targetsOf(goal, facets.sdg_target)) split.set(target, { [present[0]]: n });
    return split;
  }
  const replies = await Promise.all(present.map((status) =>
    get('/api/v1/recommendations/facets', { sdg_goal: String(goal), status, ...stateFilter() })));
  present.forEach((status, i) => {
    for (const [target, n] of targetsOf(goal, replies[i].sdg_target)) {
      split.set(target, { ...(split.get(target) || {}), [status]: n });
    }
  });
  return split;
}

async function renderGoal(goal) {
  const detail = byId('goal-detail');
  if (!goal) {
    detail.hidden = true;
    return;
  }
  detail.hidden = false;
  detail.setAttribute('aria-busy', 'true');
  const [summary, facets] = await Promise.all([
    get(`/api/v1/sdg/goals/${goal}/summary`, stateFilter()),
    get('/api/v1/recommendations/facets', { sdg_goal: String(goal), ...stateFilter() }),
  ]);
  const split = await statusSplit(goal, facets);
  const heading = byId('goal-heading');
  heading.textContent = t('sdg.goal_heading', { goal, title: summary.short_title || summary.title });
  byId('goal-title').textContent = summary.title;
  byId('goal-total').textContent = t('sdg.goal_total', { count: facets.total });
  byId('goal-search').setAttribute('href', searchHref(withState({ sdg_goal: [String(goal)] })));
  const series = STATUSES.map((s) => ({ key: s, label: t(`status.${s}`), className: `s-${s}` }));
  const categories = (summary.targets || []).map((target) => {
    const values = split.get(target.target) || {};
    const total = Object.values(values).reduce((a, b) => a + b, 0);
    return { key: target.target, label: target.target, title: target.title, total, values };
  });
  stackedBars(byId('goal-chart'), {
    title: t('sdg.chart_title', { goal }),
    description: t('sdg.chart_desc', { goal, count: categories.filter((c) => c.total > 0).length }),
    categoryHeading: t('sdg.target'),
    totalHeading: t('sdg.total'),
    tableLabel: t('sdg.table_label', { goal }),
    tableId: 'goal-table',
    categories,
    series,
    link: (category, s) => searchHref(withState({
      sdg_target: [category.key],
      ...(s ? { status: [s.key] } : {}),
    })),
  });
  renderTargetList(summary.targets || []);
  detail.setAttribute('aria-busy', 'false');
}

function renderTargetList(targets) {
  replace(byId('target-list'), ...targets.map((target) => el('li', {},
    el('a', { href: searchHref(withState({ sdg_target: [target.target] })) }, target.target),
    ' ', target.title)));
}

function renderStates(states) {
  const select = byId('state-select');
  replace(select, el('option', { value: '' }, t('sdg.all_states')),
    ...states.map((s) => el('option', { value: s.alpha2, selected: s.alpha2 === view.state }, s.name)));
  select.value = view.state || '';
}

async function load(focusGoal) {
  showStatus('');
  const [goalReply, facets, states] = await Promise.all([
    goals.length ? null : get('/api/v1/sdg/goals'),
    get('/api/v1/recommendations/facets', stateFilter()),
    byId('state-select').options.length > 1 ? null : get('/api/v1/states'),
  ]);
  if (goalReply) goals = goalReply.goals || [];
  if (states) renderStates(states.states || []);
  byId('state-select').value = view.state || '';
  const counts = new Map((facets.sdg_goal || []).map((g) => [Number(g.value), g.count]));
  byId('dashboard-total').textContent = t('sdg.total_all', { count: facets.total });
  renderTiles(counts);
  await renderGoal(view.goal);
  if (focusGoal && view.goal) byId('goal-heading').focus();
}

function go(next, focusGoal) {
  view = next;
  history.pushState(null, '', viewHref(view));
  load(focusGoal).catch((err) => showStatus(err.message, 'error'));
}

startPage(async () => {
  view = readView();
  byId('state-select').addEventListener('change', () => {
    go({ ...view, state: byId('state-select').value || null }, false);
  });
  window.addEventListener('popstate', () => {
    view = readView();
    load(false).catch((err) => showStatus(err.message, 'error'));
  });
  await load(false);
}, { publicPage: true });
