/*
 * The coordinator's moderation queue (/moderation.html?state=pending):
 * comments in one state, oldest first, each with what it speaks to (the
 * recommendation's document, paragraph and text, or the status update)
 * and its text, and the buttons that publish it or reject it with a
 * reason (required; only the author is shown it). A published comment
 * can be taken down the same way, a rejected one published after all.
 *
 * The queue never names a comment's author: GET /api/v1/comments does
 * not give it, and this page does not ask the admins' author look-up.
 */
import { get, send } from './api.js';
import { append, byId, el, replace } from './dom.js';
import { allowed, formSay, recLink } from './coord.js';
import { setExportLinks } from './exports.js';
import { formatDate, formatDateTime, t } from './i18n.js';
import { showStatus, startPage } from './layout.js';

const STATES = ['pending', 'published', 'rejected'];
let state = 'pending';

function readState() {
  const asked = new URLSearchParams(location.search).get('state');
  return STATES.includes(asked) ? asked : 'pending';
}

function aboutNode(about) {
  if (!about) return null;
  if (about.kind === 'status_update') {
    return el('div', { class: 'about' },
      el('p', {}, el('strong', {}, t('coord.mod.about_update')), ' ',
        recLink({ recommendation_id: about.recommendation_id }), ' · ',
        about.institution || '', ' · ', t(`status.${about.status}`), ' · ', formatDate(about.as_of)),
      about.narrative ? el('p', { class: 'text-block about-text' }, about.narrative) : null);
  }
  return el('div', { class: 'about' },
    el('p', {}, el('strong', {}, t('coord.mod.about_rec')), ' ', recLink(about)),
    about.text ? el('p', { class: 'text-block about-text' }, about.text) : null);
}

/* Takes the item out of the list once its state changed, and moves focus somewhere sensible. */
function leaveList(item) {
  const next = item.nextElementSibling || item.previousElementSibling;
  item.remove();
  const target = next ? next.querySelector('h3') : byId('queue-heading');
  target.focus();
  byId('queue-empty').hidden = byId('queue').children.length > 0;
}

async function publish(c, item, button) {
  button.disabled = true;
  try {
    await send('POST', `/api/v1/comments/${c.id}/publish`, { version: c.version });
    leaveList(item);
    showStatus(t('coord.mod.done_published'), 'ok');
  } catch (err) {
    showStatus(err.message, 'error');
    button.disabled = false;
  }
}

/* The reject form, opened in place under the comment: a required reason, send or cancel. */
function rejectForm(c, item, opener) {
  const id = `reason-${c.id}`;
  const reason = el('textarea', { id, name: 'reason', maxlength: '2000', required: true, 'aria-describedby': `${id}-hint` });
  const message = el('p', { class: 'form-message', role: 'status', 'aria-live': 'polite' });
  const cancel = el('button', { type: 'button', class: 'secondary' }, t('coord.cancel'));
  const form = el('form', { class: 'form reject-form', novalidate: true, 'aria-label': t('coord.mod.reject_form', { id: String(c.id) }) },
    el('div', { class: 'field' },
      el('label', { for: id }, t('coord.mod.reason')),
      reason,
      el('p', { class: 'hint', id: `${id}-hint` }, t('coord.mod.reason_hint'))),
    el('div', { class: 'button-row' }, el('button', { type: 'submit' }, t('coord.mod.reject_send')), cancel),
    message);
  cancel.addEventListener('click', () => {
    form.remove();
    opener.hidden = false;
    opener.focus();
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = reason.value.trim();
    if (!text) {
      reason.setAttribute('aria-invalid', 'true');
      formSay(message, t('coord.mod.reason_missing'), 'error');
      reason.focus();
      return;
    }
    const submit = form.querySelector('button[type="submit"]');
    submit.disabled = true;
    try {
      await send('POST', `/api/v1/comments/${c.id}/reject`, { version: c.version, reason: text });
      leaveList(item);
      showStatus(t(c.state === 'published' ? 'coord.mod.done_taken_down' : 'coord.mod.done_rejected'), 'ok');
    } catch (err) {
      formSay(message, err.message, 'error');
      submit.disabled = false;
    }
  });
  return { form, reason };
}

function actions(c, item) {
  const row = el('div', { class: 'button-row' });
  if (c.state === 'pending' || c.state === 'rejected') {
    const button = el('button', { type: 'button' }, t('coord.mod.publish'));
    button.addEventListener('click', () => publish(c, item, button));
    row.append(button);
  }
  if (c.state === 'pending' || c.state === 'published') {
    const button = el('button', { type: 'button', class: 'secondary' },
      t(c.state === 'published' ? 'coord.mod.take_down' : 'coord.mod.reject'));
    button.addEventListener('click', () => {
      const { form, reason } = rejectForm(c, item, button);
      button.hidden = true;
      row.after(form);
      reason.focus();
    });
    row.append(button);
  }
  return row;
}

function entry(c) {
  const item = el('li', { class: 'card queue-item' });
  append(item,
    el('h3', { tabindex: '-1' }, t('coord.mod.entry', { id: String(c.id) })),
    el('p', { class: 'hint' }, t('coord.mod.received', { date: formatDateTime(c.created_at) }),
      c.moderated_at ? ` · ${t('coord.mod.moderated', { date: formatDateTime(c.moderated_at) })}` : ''),
    aboutNode(c.about),
    el('p', { class: 'meta-label' }, t('coord.mod.comment')),
    el('blockquote', { class: 'text-block comment-body' }, c.body || ''),
    c.state === 'rejected' && c.moderation_reason
      ? el('p', { class: 'moderation-reason' }, el('strong', {}, t('coord.mod.reason_given')), ' ', c.moderation_reason)
      : null,
    actions(c, item));
  return item;
}

async function loadPage(after) {
  const params = { state, limit: '50' };
  if (after) params.after = String(after);
  const page = await get('/api/v1/comments', params);
  byId('queue').append(...(page.items || []).map(entry));
  byId('queue-empty').hidden = byId('queue').children.length > 0;
  const more = byId('queue-more');
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

async function show() {
  byId('state-select').value = state;
  byId('queue-heading').textContent = t(`coord.mod.heading_${state}`);
  byId('queue-empty').textContent = t(`coord.mod.empty_${state}`);
  setExportLinks('mod-export', '/api/v1/comments', { state });
  replace(byId('queue'));
  byId('queue-empty').hidden = true;
  byId('queue-loading').hidden = false;
  try {
    await loadPage(0);
  } finally {
    byId('queue-loading').hidden = true;
  }
}

startPage(async (current) => {
  if (!allowed(current, ['coordinator'], 'coord.mod.only')) return;
  byId('mod-content').hidden = false;
  state = readState();
  byId('state-select').addEventListener('change', async (event) => {
    state = event.target.value;
    history.replaceState(null, '', `?state=${state}`);
    showStatus('');
    try {
      await show();
    } catch (err) {
      showStatus(err.message, 'error');
    }
  });
  await show();
});
