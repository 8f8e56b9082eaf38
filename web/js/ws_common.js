/*
 * What the ministry workspace (workspace.js) and the validator's queue
 * (validation.js) share: who may use them, the names of recommendations
 * and actions that status updates and deadlines point to by id (read
 * once per page), export links for the lists the API can export, and a
 * "show more" button for keyset-paged lists.
 */
import { apiUrl, get } from './api.js';
import { el, replace } from './dom.js';
import { formatDate, t } from './i18n.js';
import { showStatus } from './layout.js';

/* The implementation-status vocabulary, in the order a person reports it. */
export const STATUSES = ['not_started', 'in_progress', 'partially_implemented', 'implemented', 'not_applicable'];

export function hasRole(current, role) {
  return Boolean(current && (current.user.roles || []).includes(role));
}

/*
 * Shows in `box` why the page is empty for this reader: a sign-in link
 * for the public, a sentence for a signed-in role the page is not for.
 * Returns true when the reader may use the page (one of `roles`, with an
 * institution).
 */
export function admit(current, roles, box) {
  if (!current) {
    const next = `/signin.html?next=${encodeURIComponent(location.pathname + location.search)}`;
    replace(box, el('p', {}, t('ws.signin_needed')), el('p', {}, el('a', { href: next, class: 'button-link' }, t('nav.signin'))));
    box.hidden = false;
    return false;
  }
  if (!roles.some((role) => hasRole(current, role)) || !current.user.institution_id) {
    replace(box, el('p', {}, t('ws.not_for_role')), el('p', {}, el('a', { href: '/' }, t('notfound.home'))));
    box.hidden = false;
    return false;
  }
  return true;
}

const recommendations = new Map();
const actions = new Map();
const institutions = new Map();

/* GET /api/v1/recommendations/{id}, once per page (a promise). */
export function recommendation(id) {
  if (!recommendations.has(id)) recommendations.set(id, get(`/api/v1/recommendations/${id}`));
  return recommendations.get(id);
}

/* GET /api/v1/actions/{id}, once per page (a promise). */
export function action(id) {
  if (!actions.has(id)) actions.set(id, get(`/api/v1/actions/${id}`));
  return actions.get(id);
}

/* GET /api/v1/recommendations/{id}/plan (priority, lead, supporters), read when asked (a promise). */
export function plan(id) {
  return get(`/api/v1/recommendations/${id}/plan`);
}

/* GET /api/v1/institutions/{id}, once per page (a promise). */
export function institution(id) {
  if (!institutions.has(id)) institutions.set(id, get(`/api/v1/institutions/${id}`));
  return institutions.get(id);
}

/* "A/HRC/15/6, paragraph 85.20" for a recommendation (full or list item). */
export function recRef(rec) {
  const symbol = rec.symbol || (rec.document && rec.document.symbol);
  if (symbol && rec.paragraph) return t('rec.ref', { symbol, paragraph: rec.paragraph });
  if (symbol) return symbol;
  return t('rec.number', { id: String(rec.id) });
}

export function recHref(id) {
  return `/recommendation.html?id=${encodeURIComponent(id)}`;
}

/*
 * A link to the recommendation's page named by its reference; the
 * reference comes when read, and is passed to onName too.
 */
export function recLink(id, onName) {
  const link = el('a', { href: recHref(id) }, t('rec.number', { id: String(id) }));
  recommendation(id).then((rec) => {
    link.textContent = recRef(rec);
    if (onName) onName(link.textContent);
  }, () => {});
  return link;
}

/*
 * What a status update speaks about: the recommendation's reference as a
 * link, or the action's title; onName(text) hears the words once known.
 */
export function subjectOf(update, onName) {
  if (update.recommendation_id) return recLink(update.recommendation_id, onName);
  const name = el('span', {}, t('ws.action_number', { id: String(update.action_id) }));
  action(update.action_id).then((a) => {
    name.textContent = t('ws.action_named', { title: a.title });
    if (onName) onName(name.textContent);
  }, () => {});
  return name;
}

export function statusBadge(status, asOf) {
  return el('span', { class: 'ws-status' },
    el('span', { class: `status-badge s-${status || 'none'}` }, t(`status.${status || 'none'}`)),
    asOf ? ` ${t('rec.as_of', { date: formatDate(asOf) })}` : '');
}

/*
 * Download links (CSV, XLSX, JSON) of the list `path` with `params`, in
 * the reader's language: the API streams the whole filtered list. The
 * group is named by `labelKey`'s message.
 */
export function exportLinks(id, labelKey, path, params = {}) {
  const label = el('span', { id: `${id}-label` }, t(labelKey));
  const links = ['csv', 'xlsx', 'json'].map((format) =>
    el('a', { class: 'button-link', download: true, href: apiUrl(path, { ...params, format }) }, t(`export.${format}`)));
  return el('div', { class: 'exports', id, role: 'group', 'aria-labelledby': `${id}-label` }, label, ...links);
}

/*
 * A keyset-paged list: fetch(after) answers a page ({items, next_after});
 * each item becomes a node by render(item), appended to `list`. Returns
 * {reload(), items()}: a "show more" button after the list fetches the
 * next page. `onPage(page)` hears each page (for totals).
 */
export function pagedList(list, more, { fetch, render, onPage }) {
  let after = null;
  let shown = [];
  let generation = 0;
  async function load(reset) {
    const mine = reset ? ++generation : generation;
    const page = await fetch(reset ? null : after);
    if (mine !== generation) return;
    if (reset) {
      shown = [];
      replace(list);
    }
    shown = shown.concat(page.items || []);
    list.append(...(page.items || []).map(render));
    after = page.next_after ?? page.next_cursor ?? null;
    more.hidden = after === null;
    if (onPage) onPage(page, shown);
  }
  more.addEventListener('click', async () => {
    more.disabled = true;
    const count = list.children.length;
    try {
      await load(false);
      /* Keyboard and screen-reader users go on at the first new item. */
      const first = list.children[count];
      const target = first && first.querySelector('a, button');
      if (target) target.focus();
    } catch (err) {
      showStatus(err.message, 'error');
    } finally {
      more.disabled = false;
    }
  });
  return { reload: () => load(true), items: () => shown };
}

/* What a status update speaks about, in words (a promise): the recommendation's reference or the action's title. */
export async function subjectName(update) {
  if (update.recommendation_id) return recRef(await recommendation(update.recommendation_id));
  return t('ws.action_named', { title: (await action(update.action_id)).title });
}

/* A web address given by a ministry, as a link only when it is http(s); it never sends our address along. */
export function externalLink(url) {
  if (!/^https?:\/\//i.test(url)) return el('span', {}, url);
  return el('a', { href: url, rel: 'noopener noreferrer nofollow', target: '_blank' }, url);
}

/* An update's evidence links and files (staff see private files too, marked so), or null. */
export function evidence(update) {
  const links = update.evidence_links || [];
  const files = update.attachments || [];
  if (!links.length && !files.length) return null;
  return el('div', { class: 'ws-evidence' },
    links.length ? el('ul', { class: 'plain-list', 'aria-label': t('history.evidence') },
      ...links.map((url) => el('li', {}, externalLink(url)))) : null,
    files.length ? el('ul', { class: 'plain-list', 'aria-label': t('history.attachments') },
      ...files.map((a) => el('li', {},
        el('a', { href: a.url || `/api/v1/attachments/${a.id}`, download: true }, a.file_name), ' ',
        el('span', { class: 'hint' }, t('history.size', { size: Math.ceil((a.size || 0) / 1024) }), ' ',
          t(a.public ? 'ws.file_public' : 'ws.file_private'))))) : null);
}
