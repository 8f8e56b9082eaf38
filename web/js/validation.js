/*
 * The validator's queue (/validation.html): the status updates of the
 * validator's institution submitted by its focal points (GET
 * /api/v1/status-updates?state=submitted), each with the recommendation's
 * text (or the action's title), the status and date reported, the
 * narrative and its evidence. The validator approves one (after a
 * confirmation: approved, it is public and never changes again) or
 * returns it with a reason, which the API requires: its 422 is told in
 * words beside the reason box. An update the validator wrote or
 * submitted is shown without the buttons: another validator decides.
 */
import { ApiError, get, send } from './api.js';
import { append, byId, el, replace } from './dom.js';
import { formatDateTime, t } from './i18n.js';
import { showStatus, startPage } from './layout.js';
import {
  action, admit, evidence, exportLinks, institution, pagedList, recHref, recLink, recommendation, recRef, statusBadge, subjectName,
} from './ws_common.js';
import { confirmDialog } from './ws_dialog.js';

const PAGE = 20;
let me = null;
let institutionId = null;
let queue = null;
let total = 0;

function setTotal(n) {
  total = n;
  byId('queue-count').textContent = t('ws.queue.count', { count: total });
  byId('queue-empty').hidden = total > 0;
  byId('queue-exports').hidden = total === 0;
}

/* What the update is about: the recommendation's reference and text, or the action and its recommendations. */
function subjectBlock(u) {
  const heading = el('h3', {}, t('ws.loading'));
  const text = el('blockquote', { class: 'rec-text ws-rec-quote' });
  if (u.recommendation_id) {
    recommendation(u.recommendation_id).then((rec) => {
      replace(heading, el('a', { href: recHref(rec.id) }, recRef(rec)));
      text.textContent = rec.text || '';
      if (rec.language) text.setAttribute('lang', rec.language);
    }, (err) => { text.textContent = err.message; });
  } else {
    action(u.action_id).then((a) => {
      replace(heading, t('ws.action_named', { title: a.title }));
      replace(text, a.description || '', (a.recommendations || []).length
        ? el('span', { class: 'hint ws-block' }, t('ws.about'), ' ', ...a.recommendations.flatMap((id, i) => [i ? ', ' : '', recLink(id)]))
        : null);
    }, (err) => { text.textContent = err.message; });
  }
  return [heading, text];
}

function decided(item, words) {
  item.remove();
  setTotal(total - 1);
  showStatus(words, 'ok');
  byId('queue-heading').focus();
}

async function approve(u, item, message) {
  const name = await subjectName(u).catch(() => '');
  const ok = await confirmDialog({
    title: t('ws.queue.approve_title'),
    text: t('ws.queue.approve_text', { subject: name }),
    confirm: t('ws.queue.approve_confirm'),
  });
  if (!ok) return;
  try {
    await send('POST', `/api/v1/status-updates/${u.id}/approve`, { version: u.version });
    decided(item, t('ws.queue.approved', { subject: name }));
  } catch (err) {
    message.className = 'form-message error';
    message.textContent = err.message;
  }
}

function reasonForm(u, item, message, returnButton) {
  const id = `reason-${u.id}`;
  const box = el('textarea', { id, name: 'reason', maxlength: '2000', rows: '4', 'aria-describedby': `${id}-hint` });
  const sendButton = el('button', { type: 'submit' }, t('ws.queue.return_send'));
  const cancel = el('button', { type: 'button', class: 'secondary' }, t('ws.cancel'));
  const form = el('form', { class: 'form ws-form', novalidate: true, 'aria-label': t('ws.queue.return_form') },
    el('div', { class: 'field' },
      el('label', { for: id }, t('ws.queue.reason')),
      box,
      el('p', { class: 'hint', id: `${id}-hint` }, t('ws.queue.reason_hint'))),
    el('div', { class: 'ws-buttons' }, sendButton, cancel));
  cancel.addEventListener('click', () => {
    form.remove();
    returnButton.hidden = false;
    returnButton.focus();
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    sendButton.disabled = true;
    box.removeAttribute('aria-invalid');
    try {
      /* An empty reason goes to the API, whose 422 is the rule; it is told here in words. */
      await send('POST', `/api/v1/status-updates/${u.id}/return`, { version: u.version, reason: box.value.trim() });
      decided(item, t('ws.queue.returned', { subject: await subjectName(u).catch(() => '') }));
    } catch (err) {
      const missing = err instanceof ApiError && err.status === 422 && err.field === 'reason';
      message.className = 'form-message error';
      message.textContent = missing ? t('ws.queue.reason_needed') : err.message;
      if (missing) {
        box.setAttribute('aria-invalid', 'true');
        box.setAttribute('aria-describedby', `${id}-hint ${message.id}`);
        box.focus();
      }
      sendButton.disabled = false;
    }
  });
  return form;
}

function queueItem(u) {
  const own = u.author_id === me.id || u.submitted_by === me.id;
  const message = el('p', { class: 'form-message', role: 'alert', id: `queue-message-${u.id}` });
  const item = el('li', { class: 'ws-item ws-queue-item' });
  const buttons = el('div', { class: 'ws-buttons' });
  if (own) {
    buttons.append(el('p', { class: 'hint' }, t('ws.queue.own')));
  } else {
    const approveButton = el('button', { type: 'button' }, t('ws.queue.approve'));
    const returnButton = el('button', { type: 'button', class: 'secondary' }, t('ws.queue.return'));
    approveButton.addEventListener('click', () => approve(u, item, message));
    returnButton.addEventListener('click', () => {
      returnButton.hidden = true;
      const form = reasonForm(u, item, message, returnButton);
      buttons.after(form);
      form.querySelector('textarea').focus();
    });
    buttons.append(approveButton, returnButton);
  }
  append(item,
    ...subjectBlock(u),
    el('p', { class: 'ws-line' }, t('ws.queue.reported'), ' ', statusBadge(u.status, u.as_of)),
    el('p', { class: 'hint' }, t('ws.submitted_on', { date: formatDateTime(u.submitted_at) })),
    el('h4', {}, t('ws.queue.narrative')),
    el('p', { class: 'text-block' }, u.narrative),
    evidence(u),
    buttons,
    message,
  );
  /* The approve and return buttons name what they decide on, for lists of buttons read out of context. */
  subjectName(u).then((name) => {
    for (const b of buttons.querySelectorAll('button')) b.append(el('span', { class: 'visually-hidden' }, ` — ${name}`));
  }, () => {});
  return item;
}

async function showInstitution() {
  const found = await institution(institutionId);
  const line = byId('ws-institution');
  line.textContent = t('ws.institution', { name: found.name, acronym: found.acronym });
  line.hidden = false;
}

startPage(async (current) => {
  if (!admit(current, ['validator'], byId('ws-gate'))) {
    byId('ws-loading').hidden = true;
    return;
  }
  me = current.user;
  institutionId = me.institution_id;
  const params = { institution: String(institutionId), state: 'submitted' };
  replace(byId('queue-exports'), exportLinks('queue-export', 'ws.queue.export', '/api/v1/status-updates', params));
  queue = pagedList(byId('queue-list'), byId('queue-more'), {
    fetch: (after) => get('/api/v1/status-updates', { ...params, limit: String(PAGE), ...(after ? { after: String(after) } : {}) }),
    render: queueItem,
    onPage: (page) => setTotal(page.total),
  });
  try {
    await Promise.all([showInstitution(), queue.reload()]);
    byId('queue').hidden = false;
  } finally {
    byId('ws-loading').hidden = true;
  }
});
