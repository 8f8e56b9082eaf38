/*
 * A civil-society account's own comments (/my-comments.html), in every
 * state: pending (waiting for a moderator), published (with the
 * ministries' answers), rejected (with the moderator's reason, which only
 * the author is shown) and withdrawn; each links to what it is about and,
 * unless withdrawn already, can be withdrawn (its text is then removed
 * and it leaves every public list), after a confirmation. Exports of the
 * whole list. Anyone else is told who the page is for.
 */
import { get, send } from './api.js';
import { append, byId, el, replace } from './dom.js';
import { answerNode, commentStateBadge, isCso } from './comments.js';
import { setExportLinks } from './exports.js';
import { formatDateTime, t } from './i18n.js';
import { showStatus, startPage } from './layout.js';

function aboutLink(c) {
  if (c.recommendation_id) {
    return el('a', { href: `/recommendation.html?id=${encodeURIComponent(c.recommendation_id)}` },
      t('cso.mine.about_rec', { id: String(c.recommendation_id) }));
  }
  return el('span', {}, t('cso.mine.about_update', { id: String(c.status_update_id) }));
}

function dates(c) {
  const parts = [t('cso.sent_on', { date: formatDateTime(c.created_at) })];
  if (c.published_at && c.state === 'published') parts.push(t('cso.mine.published_on', { date: formatDateTime(c.published_at) }));
  return parts.join(' · ');
}

/*
 * The withdraw button, and the confirmation it opens in place: a question
 * and two buttons, focus moved to the question's "yes" and back to the
 * first button on "no".
 */
function withdrawControls(c, item) {
  const start = el('button', { type: 'button', class: 'secondary' }, t('cso.mine.withdraw'));
  const yes = el('button', { type: 'button' }, t('cso.mine.withdraw_yes'));
  const no = el('button', { type: 'button', class: 'secondary' }, t('cso.mine.withdraw_no'));
  const confirm = el('div', { class: 'confirm', role: 'group', 'aria-label': t('cso.mine.withdraw') },
    el('p', {}, t('cso.mine.withdraw_question')), yes, ' ', no);
  confirm.hidden = true;
  start.addEventListener('click', () => {
    start.hidden = true;
    confirm.hidden = false;
    yes.focus();
  });
  no.addEventListener('click', () => {
    confirm.hidden = true;
    start.hidden = false;
    start.focus();
  });
  yes.addEventListener('click', async () => {
    yes.disabled = true;
    try {
      const done = await send('POST', `/api/v1/comments/${c.id}/withdraw`, { version: c.version });
      item.replaceWith(commentNode({ ...c, ...done, answers: [] }));
      showStatus(t('cso.mine.withdrawn'), 'ok');
    } catch (err) {
      showStatus(err.message, 'error');
      yes.disabled = false;
    }
  });
  return el('div', { class: 'comment-actions' }, start, confirm);
}

function commentNode(c) {
  const item = el('li', { class: 'comment own-comment', id: `comment-${c.id}` });
  append(item,
    el('p', { class: 'byline' }, commentStateBadge(c.state), ' ', aboutLink(c)),
    el('p', { class: 'hint' }, dates(c)),
    c.state === 'withdrawn'
      ? el('p', { class: 'hint' }, t('cso.mine.withdrawn_text'))
      : el('p', { class: 'text-block' }, c.body || ''),
    c.state === 'rejected'
      ? el('p', { class: 'moderation-reason' }, el('strong', {}, t('cso.reason')), ' ', c.moderation_reason || '–')
      : null,
    c.state === 'pending' ? el('p', { class: 'hint' }, t('cso.mine.pending_note')) : null,
    ...(c.answers || []).map(answerNode),
    c.state !== 'withdrawn' ? withdrawControls(c, item) : null,
  );
  return item;
}

async function loadPage(after) {
  const params = { limit: '50' };
  if (after) params.after = String(after);
  const page = await get('/api/v1/account/comments', params);
  const list = byId('mine-list');
  list.append(...(page.items || []).map(commentNode));
  byId('mine-empty').hidden = list.children.length > 0;
  const more = byId('mine-more');
  more.hidden = page.next_after == null;
  more.onclick = page.next_after == null ? null : async () => {
    more.disabled = true;
    try {
      await loadPage(page.next_after);
    } catch (err) {
      showStatus(err.message, 'error');
    } finally {
      more.disabled = false;
    }
  };
}

startPage(async (current) => {
  if (!isCso(current)) {
    showStatus(current ? t('cso.mine.only_cso') : t('cso.mine.signin'), 'info');
    if (!current) {
      const box = byId('page-status');
      box.append(el('p', {}, el('a', { href: `/signin.html?next=${encodeURIComponent('/my-comments.html')}` }, t('nav.signin'))));
    }
    return;
  }
  byId('mine-content').hidden = false;
  setExportLinks('mine-export', '/api/v1/account/comments');
  replace(byId('mine-list'));
  try {
    const account = await get('/api/v1/account');
    byId('mine-name').textContent = t('cso.mine.shown_as', { name: account.public_name });
    await loadPage(0);
  } finally {
    byId('mine-loading').hidden = true;
  }
});
