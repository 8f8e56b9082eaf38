/*
 * Civil-society comments on the recommendation page: the published
 * comments with the ministries' answers (under the commenter's public
 * name only, as the API gives them: never an email or an account id),
 * their export, and for a signed-in civil-society account the comment
 * form (a comment waits for moderation, and the form says so, and under
 * which public name it will show) and that account's own comments on
 * this recommendation with their state.
 *
 * recommendation.js calls renderComments() and wireCommentForm(); the
 * rest of that page is the workspace's.
 */
import { get, send } from './api.js';
import { byId, el, replace } from './dom.js';
import { setExportLinks } from './exports.js';
import { formatDateTime, t } from './i18n.js';
import { showStatus } from './layout.js';

export function isCso(current) {
  return Boolean(current && (current.user.roles || []).includes('cso'));
}

/* One ministry's answer under a comment: the institution speaks, never a person. */
export function answerNode(a) {
  return el('div', { class: 'answer' },
    el('p', { class: 'byline' }, t('comments.answer_by', {
      institution: a.institution_name || a.institution, date: formatDateTime(a.created_at),
    })),
    el('p', { class: 'text-block' }, a.body || ''));
}

/* The badge of a comment's state (pending, published, rejected, withdrawn). */
export function commentStateBadge(state) {
  return el('span', { class: `comment-state cs-${state}` }, t(`cso.state.${state}`));
}

function publicCommentNode(c) {
  return el('li', { class: 'comment' },
    el('p', { class: 'byline' }, t('comments.byline', { author: c.author, date: formatDateTime(c.published_at) })),
    el('p', { class: 'text-block' }, c.body || ''),
    ...(c.answers || []).map(answerNode));
}

/* Keeps the "more comments" button for the page after `nextAfter` (null: none). */
function offerMore(id, nextAfter) {
  const button = byId('comment-more');
  button.hidden = nextAfter == null;
  button.onclick = nextAfter == null ? null : async () => {
    button.disabled = true;
    try {
      const page = await get(`/api/v1/recommendations/${id}/comments`, { after: String(nextAfter) });
      byId('comment-list').append(...(page.items || []).map(publicCommentNode));
      offerMore(id, page.next_after);
    } catch (err) {
      showStatus(err.message, 'error');
    } finally {
      button.disabled = false;
    }
  };
}

/* The published comments of recommendation `id` (the first page), a button for more, the exports. */
export function renderComments(comments, id) {
  const items = comments.items || [];
  byId('comments-empty').hidden = items.length > 0;
  replace(byId('comment-list'), ...items.map(publicCommentNode));
  byId('comment-exports').hidden = items.length === 0;
  if (!id) return;
  setExportLinks('comment-export', `/api/v1/recommendations/${id}/comments`);
  offerMore(id, comments.next_after);
}

function ownCommentNode(c) {
  return el('li', { class: 'comment own-comment' },
    el('p', { class: 'byline' }, commentStateBadge(c.state), ' ',
      t('cso.sent_on', { date: formatDateTime(c.created_at) })),
    el('p', { class: 'text-block' }, c.body || ''),
    c.state === 'rejected' && c.moderation_reason
      ? el('p', { class: 'moderation-reason' }, el('strong', {}, t('cso.reason')), ' ', c.moderation_reason)
      : null);
}

/*
 * The signed-in CSO's own comments on this recommendation that are not
 * public (pending, rejected): published ones are in the list above. A
 * CSO writes few comments; the first 200 are read.
 */
async function renderOwnComments(id) {
  const mine = await get('/api/v1/account/comments', { limit: '200' });
  const here = (mine.items || []).filter((c) => String(c.recommendation_id) === String(id) &&
    (c.state === 'pending' || c.state === 'rejected'));
  replace(byId('own-comment-list'), ...here.map(ownCommentNode));
  byId('own-comments').hidden = here.length === 0;
}

function say(message, kind) {
  const box = byId('comment-message');
  box.className = `form-message ${kind}`;
  box.textContent = message;
}

async function submitComment(id) {
  const field = byId('comment-body');
  const body = field.value.trim();
  if (!body) {
    say(t('comments.empty'), 'error');
    field.setAttribute('aria-invalid', 'true');
    field.focus();
    return;
  }
  field.removeAttribute('aria-invalid');
  const button = byId('comment-submit');
  button.disabled = true;
  try {
    await send('POST', '/api/v1/comments', { recommendation_id: Number(id), body });
    field.value = '';
    say(t('comments.held'), 'ok');
    await renderOwnComments(id);
  } catch (err) {
    say(err.message, 'error');
  } finally {
    button.disabled = false;
  }
}

/*
 * Shows the comment form to a civil-society account (and the name its
 * comments show under), the sign-in link to the public, and nothing to
 * staff, who answer comments rather than write them.
 */
export async function wireCommentForm(current, id) {
  const cso = isCso(current);
  byId('comment-form').hidden = !cso;
  byId('comment-signin').hidden = Boolean(current);
  const here = encodeURIComponent(location.pathname + location.search);
  byId('comment-signin-link').setAttribute('href', `/signin.html?next=${here}`);
  byId('comment-register-link').setAttribute('href', `/register.html?next=${here}`);
  if (!cso) return;
  byId('comment-form').addEventListener('submit', (event) => {
    event.preventDefault();
    submitComment(id);
  });
  const [account] = await Promise.all([get('/api/v1/account'), renderOwnComments(id)]);
  byId('comment-name-note').textContent = t('cso.form_note', { name: account.public_name });
}
