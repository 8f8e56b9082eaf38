/*
 * The ministry workspace (/workspace.html), for the focal points and
 * validators of an institution: at a glance what needs doing; the
 * institution's progress reports (status updates) returned by a
 * validator with the reason, drafts and those awaiting validation; what
 * is due and overdue (GET /api/v1/deadlines); the recommendations
 * assigned to it as lead or support (GET /api/v1/recommendations with
 * institution=) with their current status; its actions and indicators.
 * A focal point reports progress on a recommendation or an action from
 * here (ws_editor.js); a validator is sent to the queue
 * (/validation.html). Every list is exported as the API offers it.
 */
import { get } from './api.js';
import { byId, el, replace } from './dom.js';
import { t } from './i18n.js';
import { showStatus, startPage } from './layout.js';
import { admit, exportLinks, hasRole, institution, pagedList, recRef, STATUSES, subjectName } from './ws_common.js';
import { openEditor } from './ws_editor.js';
import { actionItem, dueItem, indicatorItem, recommendationItem, updateItem } from './ws_items.js';

const PAGE = 20;
const MAX_REPORTS = 1000;
const UPDATE_STATES = ['returned', 'draft', 'submitted'];
/* Which pending update a recommendation's row names: one to go on with first. */
const PENDING_ORDER = { returned: 0, draft: 1, submitted: 2 };

let institutionId = null;
let focal = false;
const totals = {};
const lists = {};
const pending = new Map(); /* recommendation id -> its returned, draft or submitted update */

/* The empty list's sentence instead of its exports. */
function showEmpty(prefix, total) {
  byId(`${prefix}-empty`).hidden = total > 0;
  const exports = document.getElementById(`${prefix}-exports`);
  if (exports) exports.hidden = total === 0;
}

function noteCount(id, key, total) {
  byId(id).textContent = t(key, { count: total });
}

/* The lists' exports: the same rows the API selects for the list shown. */
function renderExports(prefix, labelKey, path, params) {
  replace(byId(`${prefix}-exports`), exportLinks(`${prefix}-export`, labelKey, path, params));
}

function summaryItem(count, key, href, urgent) {
  return el('li', { class: urgent && count > 0 ? 'ws-attention' : null },
    el('a', { href }, t(key, { count })));
}

function renderSummary() {
  const items = [
    summaryItem(totals.returned || 0, 'ws.sum.returned', '#ws-returned', true),
    focal ? summaryItem(totals.draft || 0, 'ws.sum.drafts', '#ws-drafts', false) : null,
    summaryItem(totals.submitted || 0, 'ws.sum.submitted', hasValidatorLink() ? '/validation.html' : '#ws-submitted', false),
    summaryItem(totals.overdue || 0, 'ws.sum.overdue', '#ws-due', true),
    summaryItem(totals.recs || 0, 'ws.sum.recs', '#ws-recs', false),
    summaryItem(totals.actions || 0, 'ws.sum.actions', '#ws-actions', false),
    summaryItem(totals.indicators || 0, 'ws.sum.indicators', '#ws-indicators', false),
  ];
  replace(byId('ws-summary-list'), ...items);
}

function hasValidatorLink() {
  return !byId('ws-queue-link').hidden;
}

/* After the editor saved, submitted or deleted: the lists that show it change. */
async function refresh(event) {
  try {
    await loadReports();
    if (event !== 'saved') await lists.recs.reload();
    renderSummary();
  } catch (err) {
    showStatus(err.message, 'error');
  }
}

async function editUpdate(update, opener) {
  openEditor({ subject: { ids: {}, label: await subjectName(update) }, update, opener, onChange: refresh });
}

function reportOnRecommendation(rec, update, opener) {
  const label = recRef(rec);
  if (update) {
    editUpdate(update, opener);
    return;
  }
  openEditor({ subject: { ids: { recommendation_id: rec.id }, label }, update: null, opener, onChange: refresh });
}

function reportOnAction(action, opener) {
  openEditor({
    subject: { ids: { action_id: action.id }, label: t('ws.action_named', { title: action.title }) },
    update: null,
    opener,
    onChange: refresh,
  });
}

/*
 * The institution's reports in one state, newest first: what waits for
 * the reader is short, so it is read whole (pages of 200 by id, oldest
 * first in the API), up to MAX_REPORTS.
 */
async function readReports(state) {
  let items = [];
  let after = null;
  do {
    const page = await get('/api/v1/status-updates', {
      institution: String(institutionId), state, limit: '200', ...(after ? { after: String(after) } : {}),
    });
    items = items.concat(page.items || []);
    after = page.next_after;
  } while (after !== null && after !== undefined && items.length < MAX_REPORTS);
  return items.reverse();
}

function updatesList(state) {
  const prefix = { returned: 'ws-returned', draft: 'ws-drafts', submitted: 'ws-submitted' }[state];
  return {
    async reload() {
      const items = await readReports(state);
      totals[state] = items.length;
      showEmpty(prefix, items.length);
      for (const u of items) {
        if (!u.recommendation_id) continue;
        const known = pending.get(u.recommendation_id);
        if (!known || PENDING_ORDER[u.state] < PENDING_ORDER[known.state]) pending.set(u.recommendation_id, u);
      }
      replace(byId(`${prefix}-list`), ...items.map((u) => updateItem(u, { edit: focal ? editUpdate : null })));
    },
  };
}

async function loadReports() {
  pending.clear();
  await Promise.all(UPDATE_STATES.map((s) => lists[s].reload()));
}

function dueParams() {
  return byId('ws-due-overdue').checked ? { overdue: 'true' } : {};
}

function recParams() {
  const params = { institution: String(institutionId), sort: 'paragraph' };
  const q = byId('ws-recs-q').value.trim();
  const status = byId('ws-recs-status').value;
  if (q) params.q = q;
  if (status) params.status = status;
  return params;
}

function setUpLists() {
  for (const s of UPDATE_STATES) lists[s] = updatesList(s);
  lists.due = pagedList(byId('ws-due-list'), byId('ws-due-more'), {
    fetch: (after) => get('/api/v1/deadlines', { ...dueParams(), limit: String(PAGE), ...(after ? { after } : {}) }),
    render: dueItem,
    onPage: (page) => {
      showEmpty('ws-due', page.total);
      noteCount('ws-due-count', byId('ws-due-overdue').checked ? 'ws.due_count_overdue' : 'ws.due_count', page.total);
    },
  });
  lists.recs = pagedList(byId('ws-recs-list'), byId('ws-recs-more'), {
    fetch: (cursor) => get('/api/v1/recommendations', { ...recParams(), limit: String(PAGE), ...(cursor ? { cursor } : {}) }),
    render: (rec) => recommendationItem(rec, pending.get(rec.id), { report: focal ? reportOnRecommendation : null, role: institutionId }),
    onPage: (page) => {
      showEmpty('ws-recs', page.total);
      noteCount('ws-recs-count', 'ws.recs_count', page.total);
      if (!recParams().q && !recParams().status) totals.recs = page.total;
    },
  });
  const byInstitution = (path) => (after) => get(path, {
    institution: String(institutionId), limit: String(PAGE), ...(after ? { after: String(after) } : {}),
  });
  lists.actions = pagedList(byId('ws-actions-list'), byId('ws-actions-more'), {
    fetch: byInstitution('/api/v1/actions'),
    render: (a) => actionItem(a, { report: focal ? reportOnAction : null }),
    onPage: (page) => {
      totals.actions = page.total;
      showEmpty('ws-actions', page.total);
      noteCount('ws-actions-count', 'ws.actions_count', page.total);
    },
  });
  lists.indicators = pagedList(byId('ws-indicators-list'), byId('ws-indicators-more'), {
    fetch: byInstitution('/api/v1/indicators'),
    render: indicatorItem,
    onPage: (page) => {
      totals.indicators = page.total;
      showEmpty('ws-indicators', page.total);
      noteCount('ws-indicators-count', 'ws.indicators_count', page.total);
    },
  });
}

function renderAllExports() {
  const mine = { institution: String(institutionId) };
  renderExports('ws-reports', 'ws.export_reports', '/api/v1/status-updates', mine);
  renderExports('ws-due', 'ws.export_due', '/api/v1/deadlines', dueParams());
  renderExports('ws-recs', 'ws.export_recs', '/api/v1/recommendations', recParams());
  renderExports('ws-actions', 'ws.export_actions', '/api/v1/actions', mine);
  renderExports('ws-indicators', 'ws.export_indicators', '/api/v1/indicators', mine);
}

function wireFilters() {
  const select = byId('ws-recs-status');
  replace(select, el('option', { value: '' }, t('ws.recs_any_status')),
    ...[...STATUSES, 'none'].map((s) => el('option', { value: s }, t(`status.${s}`))));
  byId('ws-recs-filter').addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await lists.recs.reload();
      renderAllExports();
    } catch (err) {
      showStatus(err.message, 'error');
    }
  });
  byId('ws-due-overdue').addEventListener('change', async () => {
    try {
      await lists.due.reload();
      renderAllExports();
    } catch (err) {
      showStatus(err.message, 'error');
    }
  });
}

async function countOverdue() {
  const page = await get('/api/v1/deadlines', { overdue: 'true', limit: '1' });
  totals.overdue = page.total;
}

async function showInstitution() {
  const found = await institution(institutionId);
  const line = byId('ws-institution');
  line.textContent = t('ws.institution', { name: found.name, acronym: found.acronym });
  line.hidden = false;
  document.title = `${t('ws.heading')} — ${found.acronym} — ${t('site.name')}`;
}

startPage(async (current) => {
  if (!admit(current, ['focal_point', 'validator'], byId('ws-gate'))) {
    byId('ws-loading').hidden = true;
    return;
  }
  institutionId = current.user.institution_id;
  focal = hasRole(current, 'focal_point');
  byId('ws-queue-link').hidden = !hasRole(current, 'validator');
  byId('ws-drafts').hidden = !focal;
  setUpLists();
  wireFilters();
  renderAllExports();
  try {
    await Promise.all([showInstitution(), loadReports(), lists.due.reload(), lists.actions.reload(),
      lists.indicators.reload(), countOverdue()]);
    /* After the reports: a row names its pending report. */
    await lists.recs.reload();
    renderSummary();
    byId('ws-content').hidden = false;
  } finally {
    byId('ws-loading').hidden = true;
  }
});
