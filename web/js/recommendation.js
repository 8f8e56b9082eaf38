/*
 * One recommendation (/recommendation.html?id=N): its text, document and
 * paragraph, mechanism and body, states, position, SDG links with their
 * source, themes, affected persons, current status, the validated status
 * history, published comments with the ministries' answers, and related
 * recommendations. Signed-in staff and the UN team also see its plan
 * (priority, lead and supporting institutions), actions and indicators:
 * those routes answer 401/403 to anyone else, and the sections then stay
 * hidden. A civil-society account gets a comment form; the comment is
 * held for moderation, and the page says so.
 */
import { ApiError, get } from './api.js';
import { byId, el, replace } from './dom.js';
import { formatDate, formatDateTime, formatNumber, t } from './i18n.js';
import { showStatus, startPage } from './layout.js';
import { searchHref } from './query.js';
import { renderComments, wireCommentForm } from './comments.js';
import { wireCoordinationLinks } from './rec_coord.js';

const PLANNING_ROLES = ['admin', 'coordinator', 'focal_point', 'validator', 'unct'];

function recId() {
  const id = new URLSearchParams(location.search).get('id');
  return /^[1-9][0-9]{0,17}$/.test(id || '') ? id : null;
}

function title(rec) {
  const symbol = rec.document && rec.document.symbol;
  if (symbol && rec.paragraph) return t('rec.ref', { symbol, paragraph: rec.paragraph });
  if (symbol) return symbol;
  return t('rec.number', { id: String(rec.id) });
}

function link(text, filters) {
  return el('a', { href: searchHref(filters) }, text);
}

function joined(nodes) {
  const out = [];
  nodes.forEach((node, i) => {
    if (i > 0) out.push(', ');
    out.push(node);
  });
  return out;
}

function fact(dl, label, ...value) {
  const content = value.flat().filter((v) => v !== null && v !== undefined && v !== '');
  if (!content.length) return;
  dl.append(el('dt', {}, label), el('dd', {}, ...content));
}

function sdgLinks(rec) {
  return (rec.sdg || []).map((link_) => {
    const code = link_.target || String(link_.goal);
    const filters = link_.target ? { sdg_target: [link_.target] } : { sdg_goal: [String(link_.goal)] };
    const source = t(`sdg_source.${link_.source}`);
    return el('li', {}, link(code, filters), ' ', link_.title || '', ' ',
      el('span', { class: 'hint' }, t('rec.sdg_source', { source })));
  });
}

function renderFacts(rec) {
  const dl = byId('rec-facts');
  const symbol = rec.document && rec.document.symbol;
  fact(dl, t('rec.document'), symbol ? link(symbol, { document: [symbol] }) : null);
  fact(dl, t('rec.paragraph'), rec.paragraph);
  fact(dl, t('rec.mechanism'), rec.mechanism ? link(rec.mechanism.name || rec.mechanism.code, { mechanism: [rec.mechanism.code] }) : null);
  fact(dl, t('rec.body'), rec.body ? link(rec.body, { body: [rec.body] }) : null);
  fact(dl, t('rec.states'), joined((rec.states || []).map((s) => link(s.name, { state: [s.code] }))));
  fact(dl, t('rec.recommending_states'), joined((rec.recommending_states || []).map((s) => link(s.name, { recommending_state: [s.code] }))));
  fact(dl, t('rec.position'), rec.position ? t(`position.${rec.position}`) : null);
  fact(dl, t('rec.cycle'), rec.cycle ? t('rec.cycle_session', { cycle: rec.cycle, session: rec.session || '–' }) : null);
  fact(dl, t('rec.published'), rec.published ? formatDate(rec.published) : null);
  fact(dl, t('rec.themes'), joined((rec.themes || []).map((x) => link(x.name, { theme: [String(x.id)] }))));
  fact(dl, t('rec.affected_persons'), joined((rec.affected_persons || []).map((x) => link(x.name, { affected_person: [String(x.id)] }))));
  const sdg = sdgLinks(rec);
  fact(dl, t('rec.sdg'), sdg.length ? el('ul', { class: 'plain-list' }, ...sdg) : null);
}

function renderStatus(rec) {
  const current = rec.current_status;
  const status = current ? current.status : 'none';
  replace(byId('rec-status'), el('span', { class: `status-badge s-${status}` }, t(`status.${status}`)),
    current ? ` ${t('rec.as_of', { date: formatDate(current.as_of) })}` : '');
}

/* A link to a web address given by a ministry: only http(s), never sends our address along. */
function externalLink(url) {
  if (!/^https?:\/\//i.test(url)) return el('span', {}, url);
  return el('a', { href: url, rel: 'noopener noreferrer nofollow', target: '_blank' }, url);
}

function renderHistory(history) {
  const items = history.items || [];
  byId('history-empty').hidden = items.length > 0;
  replace(byId('history-list'), ...items.map((u) => el('li', {},
    el('p', {}, el('strong', {}, formatDate(u.as_of)), ' ',
      el('span', { class: `status-badge s-${u.status}` }, t(`status.${u.status}`)), ' ',
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
    el('p', { class: 'hint' }, t('history.approved', { date: formatDateTime(u.approved_at) })))));
}

function renderRelated(rec) {
  const items = rec.related || [];
  byId('related').hidden = items.length === 0;
  replace(byId('related-list'), ...items.map((r) => el('li', {},
    el('a', { href: `/recommendation.html?id=${encodeURIComponent(r.id)}` },
      r.paragraph ? t('related.paragraph', { paragraph: r.paragraph }) : t('rec.number', { id: String(r.id) })),
    ' ', el('span', { class: 'hint' }, t(`related.${r.reason}`)))));
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
  fact(dl, t('plan.support'), (plan.support || []).map((i) => institutionName(institutions, i)).join('; ') || t('plan.none'));
  byId('plan').hidden = false;
}

function renderActions(actions) {
  const items = actions.items || [];
  byId('actions-empty').hidden = items.length > 0;
  replace(byId('action-list'), ...items.map((a) => el('li', { class: 'card' },
    el('h3', {}, a.title),
    el('p', {}, t('actions.line', { institution: a.institution, status: t(`action_status.${a.status}`) }),
      a.overdue ? el('strong', { class: 'form-message error' }, ` ${t('actions.overdue')}`) : ''),
    el('p', { class: 'hint' }, [a.start_date ? t('actions.start', { date: formatDate(a.start_date) }) : '',
      a.due_date ? t('actions.due', { date: formatDate(a.due_date) }) : ''].filter(Boolean).join(' · ')),
    a.description ? el('p', { class: 'text-block' }, a.description) : null)));
  byId('actions').hidden = false;
}

function renderIndicators(indicators) {
  const items = indicators.items || [];
  byId('indicators-empty').hidden = items.length > 0;
  replace(byId('indicator-list'), ...items.map((i) => el('li', { class: 'card' },
    el('p', {}, el('strong', {}, i.definition), ` (${i.unit})`),
    el('p', { class: 'hint' }, t('indicators.line', {
      baseline: i.baseline ?? '–',
      target: i.target_value ?? '–',
      due: i.due_date ? formatDate(i.due_date) : '–',
      measurements: formatNumber(i.measurements || 0),
    })))));
  byId('indicators').hidden = false;
}

async function loadPlanning(id) {
  const [plan, actions, indicators, institutions] = await Promise.all([
    optional(get(`/api/v1/recommendations/${id}/plan`)),
    optional(get('/api/v1/actions', { recommendation: id })),
    optional(get('/api/v1/indicators', { recommendation: id })),
    get('/api/v1/institutions'),
  ]);
  const byInstitution = new Map((institutions.items || []).map((i) => [i.id, i]));
  if (plan) renderPlan(plan, byInstitution);
  if (actions) renderActions(actions);
  if (indicators) renderIndicators(indicators);
}

startPage(async (current) => {
  const id = recId();
  if (!id) {
    showStatus(t('rec.bad_id'), 'error');
    return;
  }
  const staff = current && (current.user.roles || []).some((r) => PLANNING_ROLES.includes(r));
  const [rec, history, comments] = await Promise.all([
    get(`/api/v1/recommendations/${id}`),
    get(`/api/v1/recommendations/${id}/status-history`, { limit: '200' }),
    get(`/api/v1/recommendations/${id}/comments`),
  ]);
  const heading = title(rec);
  byId('rec-title').textContent = heading;
  document.title = `${heading} — ${t('site.name')}`;
  const text = byId('rec-text');
  text.textContent = rec.text || '';
  if (rec.language) text.setAttribute('lang', rec.language);
  renderStatus(rec);
  renderFacts(rec);
  renderHistory(history);
  renderComments(comments, id);
  renderRelated(rec);
  byId('rec-content').hidden = false;
  await wireCommentForm(current, id);
  wireCoordinationLinks(current, id);
  if (staff) await loadPlanning(id);
});
