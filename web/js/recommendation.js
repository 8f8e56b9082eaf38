/*
 * One recommendation (/recommendation.html?id=N): its text, document and
 * paragraph, mechanism and body, states, position, SDG links with their
 * source, themes, affected persons, current status, the validated status
 * history, published comments with the ministries' answers, and related
 * recommendations. Signed-in staff and the UN team also see its plan
 * (priority, lead and supporting institutions), actions, indicators and
 * their timeline: those routes answer 401/403 to anyone else, and the
 * sections then stay hidden. The status history and the planning
 * sections are drawn by rec_followup.js. A civil-society account gets a
 * comment form; the comment is held for moderation, and the page says so.
 */
import { get } from './api.js';
import { byId, el, replace } from './dom.js';
import { formatDate, t } from './i18n.js';
import { showStatus, startPage } from './layout.js';
import { searchHref } from './query.js';
import { loadPlanning, renderHistory } from './rec_followup.js';
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

function renderRelated(rec) {
  const items = rec.related || [];
  byId('related').hidden = items.length === 0;
  replace(byId('related-list'), ...items.map((r) => el('li', {},
    el('a', { href: `/recommendation.html?id=${encodeURIComponent(r.id)}` },
      r.paragraph ? t('related.paragraph', { paragraph: r.paragraph }) : t('rec.number', { id: String(r.id) })),
    ' ', el('span', { class: 'hint' }, t(`related.${r.reason}`)))));
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
}, { publicPage: true });
