/*
 * The follow-up parts of a recommendation's page (recommendation.js
 * draws the text, the facts, the comments and the related ones, and
 * calls these): the validated status history, public, oldest first,
 * paged and exported as the API offers it; and for the staff roles and
 * the UN team, who may read planning data, the assignment (priority,
 * lead and supporting institutions), the actions with their own
 * validated history, the indicators (the recommendation's own and its
 * actions') with their measurements, and one timeline of all their
 * dates around today.
 */
import { ApiError, get } from './api.js';
import { byId, el, replace } from './dom.js';
import { formatDate, formatDateTime, formatNumber, t } from './i18n.js';
import { exportLinks, externalLink } from './ws_common.js';

const HISTORY_PAGE = 200;
/* At most this many actions and indicators get their own history or measurements read (one request each). */
const DETAIL_LIMIT = 20;

let historyItems = [];

function statusBadge(status) {
  return el('span', { class: `status-badge s-${status}` }, t(`status.${status}`));
}

function historyEntry(u) {
  return el('li', {},
    el('p', {}, el('strong', {}, formatDate(u.as_of)), ' ', statusBadge(u.status), ' ',
      u.institution ? t('history.by', { institution: u.institution.name || u.institution.acronym }) : ''),
    el('p', { class: 'text-block' }, u.narrative || ''),
    (u.evidence_links || []).length
      ? el('ul', { class: 'plain-list', 'aria-label': t('history.evidence') }, ...u.evidence_links.map((x) => el('li', {}, externalLink(x))))
      : null,
    (u.attachments || []).length
      ? el('ul', { class: 'plain-list', 'aria-label': t('history.attachments') }, ...u.attachments.map((a) => el('li', {},
        el('a', { href: a.url || `/api/v1/attachments/${a.id}` }, a.file_name), ' ',
        el('span', { class: 'meta-label' }, t('history.size', { size: Math.ceil((a.size || 0) / 1024) })))))
      : null,
    el('p', { class: 'hint' }, t('history.approved', { date: formatDateTime(u.approved_at) })));
}

function recommendationId() {
  return new URLSearchParams(location.search).get('id');
}

/* The "later reports" button: the history is read oldest first, a page at a time. */
function historyMore(id, nextAfter) {
  let button = document.getElementById('history-more');
  if (!button) {
    button = el('button', { type: 'button', id: 'history-more', class: 'secondary' }, t('ws.hist.more'));
    byId('history-list').after(button);
    button.addEventListener('click', async () => {
      button.disabled = true;
      const list = byId('history-list');
      const count = list.children.length;
      try {
        const page = await get(`/api/v1/recommendations/${id}/status-history`, { limit: String(HISTORY_PAGE), after: button.dataset.after });
        historyItems = historyItems.concat(page.items || []);
        list.append(...(page.items || []).map(historyEntry));
        historyMore(id, page.next_after);
        const first = list.children[count];
        if (first) {
          first.setAttribute('tabindex', '-1');
          first.focus();
        }
      } catch (err) {
        button.after(el('p', { class: 'form-message error', role: 'alert' }, err.message));
      } finally {
        button.disabled = false;
      }
    });
  }
  button.hidden = nextAfter === null || nextAfter === undefined;
  if (!button.hidden) button.dataset.after = String(nextAfter);
}

/*
 * The validated status history: `history` is its first page (GET
 * /recommendations/{id}/status-history), oldest first; later pages on
 * demand, and the whole of it for download.
 */
export function renderHistory(history) {
  const id = recommendationId();
  historyItems = history.items || [];
  byId('history-empty').hidden = historyItems.length > 0;
  replace(byId('history-list'), ...historyItems.map(historyEntry));
  if (!id) return;
  historyMore(id, history.next_after);
  const exports = exportLinks('history-export', 'ws.hist.export', `/api/v1/recommendations/${id}/status-history`);
  const old = document.getElementById('history-export');
  if (old) old.replaceWith(exports);
  else byId('history-list').before(exports);
  exports.hidden = historyItems.length === 0;
}

/* A planning read that the caller may not make answers 401/403: the section stays hidden. */
async function optional(promise) {
  try {
    return await promise;
  } catch (err) {
    if (err instanceof ApiError && (err.status === 401 || err.status === 403)) return null;
    throw err;
  }
}

function fact(dl, label, value) {
  if (value === null || value === undefined || value === '') return;
  dl.append(el('dt', {}, label), el('dd', {}, value));
}

function institutionName(institutions, id) {
  const found = institutions.get(id);
  return found ? `${found.acronym} — ${found.name}` : `#${id}`;
}

function renderPlan(plan, institutions) {
  const dl = byId('plan-facts');
  replace(dl);
  fact(dl, t('plan.priority'), plan.priority ? t(`priority.${plan.priority}`) : t('plan.none'));
  fact(dl, t('plan.reason'), plan.priority_reason || null);
  fact(dl, t('plan.lead'), plan.lead ? institutionName(institutions, plan.lead) : t('plan.none'));
  const support = (plan.support || []).map((i) => institutionName(institutions, i));
  fact(dl, t('plan.support'), support.length ? el('ul', { class: 'ws-plain' }, ...support.map((s) => el('li', {}, s))) : t('plan.none'));
  byId('plan').hidden = false;
}

function indicatorCard(i, measurements) {
  const values = (measurements || []).map((m) => el('li', {},
    t('ws.tl.measured', { date: formatDate(m.measured_on), value: m.value, unit: i.unit }), m.note ? ` — ${m.note}` : ''));
  return el('li', { class: 'card' },
    el('p', {}, el('strong', {}, i.definition), ` (${i.unit})`),
    el('p', { class: 'hint' }, t('indicators.line', {
      baseline: i.baseline ?? '–',
      target: i.target_value ?? '–',
      due: i.due_date ? formatDate(i.due_date) : '–',
      measurements: formatNumber(i.measurements || 0),
    })),
    values.length ? el('ul', { class: 'plain-list', 'aria-label': t('ws.hist.measurements') }, ...values) : null);
}

function actionCard(a, history, indicators, measurements) {
  const latest = history.length ? history[history.length - 1] : null;
  return el('li', { class: 'card' },
    el('h3', {}, a.title),
    el('p', {}, t('actions.line', { institution: a.institution, status: t(`action_status.${a.status}`) }),
      a.overdue ? el('strong', { class: 'form-message error' }, ` ${t('actions.overdue')}`) : ''),
    el('p', { class: 'hint' }, [a.start_date ? t('actions.start', { date: formatDate(a.start_date) }) : '',
      a.due_date ? t('actions.due', { date: formatDate(a.due_date) }) : ''].filter(Boolean).join(' · ')),
    a.description ? el('p', { class: 'text-block' }, a.description) : null,
    latest ? el('p', {}, t('ws.hist.action_status'), ' ', statusBadge(latest.status), ' ',
      t('rec.as_of', { date: formatDate(latest.as_of) })) : null,
    history.length ? el('details', { class: 'ws-action-history' },
      el('summary', {}, t('ws.hist.action_reports', { count: history.length })),
      el('ol', { class: 'timeline' }, ...history.map(historyEntry))) : null,
    indicators.length ? el('div', {},
      el('h4', {}, t('ws.hist.action_indicators')),
      el('ul', { class: 'plain-list ws-cards' }, ...indicators.map((i) => indicatorCard(i, measurements.get(i.id))))) : null);
}

/* One dated event of the timeline: {date, kind, text, late}. */
function events(actions, indicators, measurements, actionHistories) {
  const out = [];
  for (const u of historyItems) out.push({ date: u.as_of, kind: 'report', text: t('ws.tl.report', { status: t(`status.${u.status}`), institution: u.institution ? u.institution.acronym : '' }) });
  for (const a of actions) {
    if (a.start_date) out.push({ date: a.start_date, kind: 'action', text: t('ws.tl.action_start', { title: a.title }) });
    if (a.due_date) out.push({ date: a.due_date, kind: 'action', text: t('ws.tl.action_due', { title: a.title }), late: a.overdue });
    for (const u of actionHistories.get(a.id) || []) {
      out.push({ date: u.as_of, kind: 'report', text: t('ws.tl.action_report', { title: a.title, status: t(`status.${u.status}`) }) });
    }
  }
  for (const i of indicators) {
    if (i.baseline_date) out.push({ date: i.baseline_date, kind: 'indicator', text: t('ws.tl.baseline', { definition: i.definition, value: i.baseline ?? '–', unit: i.unit }) });
    if (i.due_date) out.push({ date: i.due_date, kind: 'indicator', text: t('ws.tl.target', { definition: i.definition, value: i.target_value ?? '–', unit: i.unit }) });
    for (const m of measurements.get(i.id) || []) {
      out.push({ date: m.measured_on, kind: 'indicator', text: t('ws.tl.measurement', { definition: i.definition, value: m.value, unit: i.unit }) });
    }
  }
  return out.sort((x, y) => x.date.localeCompare(y.date));
}

function todayIso() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/* Every date of the follow-up in order, with today marked between what is past and what is to come. */
function renderTimeline(list) {
  const today = todayIso();
  const items = [];
  let marked = false;
  const todayItem = () => el('li', { class: 'ws-today' }, el('strong', {}, t('ws.tl.today', { date: formatDate(today) })));
  for (const e of list) {
    if (!marked && e.date > today) {
      items.push(todayItem());
      marked = true;
    }
    items.push(el('li', { class: `ws-tl-${e.kind}${e.late ? ' is-overdue' : ''}` },
      el('p', {}, el('strong', {}, formatDate(e.date)), ' ', el('span', { class: 'ws-kind' }, t(`ws.kind.${e.kind}`))),
      el('p', {}, e.text, e.late ? el('strong', { class: 'ws-overdue' }, ` ${t('actions.overdue')}`) : '')));
  }
  if (!marked) items.push(todayItem());
  replace(byId('timeline-list'), ...items);
  byId('timeline').hidden = list.length === 0;
}

/* Per id, the list `read(id)` answers, for at most DETAIL_LIMIT ids; a refused read counts as empty. */
async function readEach(ids, read) {
  const out = new Map();
  await Promise.all(ids.slice(0, DETAIL_LIMIT).map(async (id) => {
    const page = await optional(read(id));
    out.set(id, (page && page.items) || []);
  }));
  return out;
}

function renderActionsAndIndicators(actions, indicators, measurements, actionHistories) {
  byId('actions-empty').hidden = actions.length > 0;
  replace(byId('action-list'), ...actions.map((a) => actionCard(a, actionHistories.get(a.id) || [],
    indicators.filter((i) => i.action_id === a.id), measurements)));
  byId('actions').hidden = false;
  const own = indicators.filter((i) => !i.action_id || !actions.some((a) => a.id === i.action_id));
  byId('indicators-empty').hidden = own.length > 0;
  replace(byId('indicator-list'), ...own.map((i) => indicatorCard(i, measurements.get(i.id))));
  byId('indicators').hidden = false;
}

/*
 * The planning sections, for readers the API lets read them (401/403
 * otherwise: the sections stay hidden).
 */
export async function loadPlanning(id) {
  const [plan, actionPage, indicatorPage, institutions] = await Promise.all([
    optional(get(`/api/v1/recommendations/${id}/plan`)),
    optional(get('/api/v1/actions', { recommendation: id, limit: '200' })),
    optional(get('/api/v1/indicators', { recommendation: id, limit: '200' })),
    get('/api/v1/institutions'),
  ]);
  const byInstitution = new Map((institutions.items || []).map((i) => [i.id, i]));
  if (plan) renderPlan(plan, byInstitution);
  if (!actionPage) return;
  const actions = actionPage.items || [];
  const ids = actions.map((a) => a.id);
  const [actionHistories, actionIndicators] = await Promise.all([
    readEach(ids, (a) => get(`/api/v1/actions/${a}/status-history`, { limit: '200' })),
    readEach(ids, (a) => get('/api/v1/indicators', { action: a, limit: '200' })),
  ]);
  const indicators = [...((indicatorPage && indicatorPage.items) || [])];
  for (const list of actionIndicators.values()) {
    for (const i of list) if (!indicators.some((x) => x.id === i.id)) indicators.push(i);
  }
  const measured = indicators.filter((i) => i.measurements > 0).map((i) => i.id);
  const measurements = await readEach(measured, (i) => get(`/api/v1/indicators/${i}/measurements`, { limit: '200' }));
  renderActionsAndIndicators(actions, indicators, measurements, actionHistories);
  renderTimeline(events(actions, indicators, measurements, actionHistories));
}
