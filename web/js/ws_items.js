/*
 * The rows of the ministry workspace's lists, as list items: a
 * recommendation assigned to the institution, an action, an indicator,
 * something due, a status update. Pure rendering from what the API
 * answered; a button's work is the caller's (`on` callbacks), so that the
 * page decides who may do what.
 */
import { el } from './dom.js';
import { formatDate, formatDateTime, formatNumber, t } from './i18n.js';
import { action, plan, recHref, recLink, recRef, statusBadge, subjectOf } from './ws_common.js';

/*
 * A button whose visible text is `key`'s and whose name also says what
 * it is about (`about`, or later through the returned button's .about).
 */
function button(key, about, onClick, className) {
  const hidden = el('span', { class: 'visually-hidden' }, ` — ${about}`);
  const b = el('button', { type: 'button', class: className || null }, t(key), hidden);
  b.addEventListener('click', () => onClick(b));
  b.about = (text) => { hidden.textContent = ` — ${text}`; };
  return b;
}

function links(ids) {
  const out = [];
  (ids || []).forEach((id, i) => {
    if (i > 0) out.push(', ');
    out.push(recLink(id));
  });
  return out;
}

function dueWords(item) {
  if (item.overdue) return el('strong', { class: 'ws-overdue' }, t('ws.due.overdue_by', { count: Math.abs(item.days_left) }));
  if (item.days_left === 0) return el('strong', {}, t('ws.due.today'));
  return el('span', {}, t('ws.due.in', { count: item.days_left }));
}

/* A state of a pending update of the row's subject ("Draft saved", "Returned"...). */
function pendingNote(pending) {
  if (!pending) return null;
  return el('span', { class: `ws-state ws-state-${pending.state}` }, t(`ws.state.${pending.state}`));
}

/* "Lead institution" or "Supporting institution", once the recommendation's plan is read. */
function roleNote(id, institutionId) {
  const note = el('span', { class: 'ws-role' });
  plan(id).then((p) => {
    if (p.lead === institutionId) note.textContent = t('ws.rec.lead');
    else if ((p.support || []).includes(institutionId)) note.textContent = t('ws.rec.support');
  }, () => {});
  return note;
}

/*
 * A recommendation assigned to the institution. pending: its draft,
 * returned or submitted update (or undefined); on.report(rec, pending,
 * button) when the reader may report; on.role: the reader's institution
 * id, to say whether it leads or supports.
 */
export function recommendationItem(rec, pending, on) {
  const ref = recRef(rec);
  const canContinue = pending && (pending.state === 'draft' || pending.state === 'returned');
  return el('li', { class: 'ws-item' },
    el('h3', {}, el('a', { href: recHref(rec.id) }, ref)),
    el('p', { class: 'rec-text ws-clamp', lang: rec.language || null }, rec.text || ''),
    el('p', { class: 'ws-line' }, statusBadge(rec.status, rec.status_as_of), ' ', pendingNote(pending), on.role ? roleNote(rec.id, on.role) : null),
    on.report ? el('div', { class: 'ws-buttons' },
      button(canContinue ? 'ws.rec.continue' : 'ws.rec.report', ref, (b) => on.report(rec, canContinue ? pending : null, b))) : null);
}

export function actionItem(a, on) {
  const dates = [
    a.start_date ? t('actions.start', { date: formatDate(a.start_date) }) : '',
    a.due_date ? t('actions.due', { date: formatDate(a.due_date) }) : '',
  ].filter(Boolean).join(' · ');
  return el('li', { class: 'ws-item' },
    el('h3', {}, a.title),
    el('p', { class: 'ws-line' }, el('span', { class: `ws-action-status a-${a.status}` }, t(`action_status.${a.status}`)),
      a.overdue ? el('strong', { class: 'ws-overdue' }, t('actions.overdue')) : null,
      dates ? el('span', {}, dates) : null),
    a.description ? el('p', { class: 'text-block ws-clamp' }, a.description) : null,
    (a.recommendations || []).length ? el('p', { class: 'hint' }, t('ws.about'), ' ', ...links(a.recommendations)) : null,
    on.report ? el('div', { class: 'ws-buttons' }, button('ws.rec.report', a.title, (b) => on.report(a, b))) : null);
}

/* "Measures the action …", named once the action is read. */
function actionNote(id) {
  const note = el('p', { class: 'hint' }, t('ws.indicator_of_action', { id: String(id) }));
  action(id).then((a) => { note.textContent = t('ws.indicator_of_action_named', { title: a.title }); }, () => {});
  return note;
}

export function indicatorItem(i) {
  return el('li', { class: 'ws-item' },
    el('h3', {}, i.definition, ' ', el('span', { class: 'hint' }, `(${i.unit})`)),
    el('p', { class: 'ws-line' }, t('indicators.line', {
      baseline: i.baseline ?? '–',
      target: i.target_value ?? '–',
      due: i.due_date ? formatDate(i.due_date) : '–',
      measurements: formatNumber(i.measurements || 0),
    })),
    i.recommendation_id ? el('p', { class: 'hint' }, t('ws.about'), ' ', recLink(i.recommendation_id)) : null,
    i.action_id ? actionNote(i.action_id) : null);
}

export function dueItem(item) {
  return el('li', { class: `ws-item ws-due-item${item.overdue ? ' is-overdue' : ''}` },
    el('p', { class: 'ws-line' }, el('span', { class: 'ws-kind' }, t(`ws.kind.${item.kind}`)), ' ', el('strong', {}, item.title)),
    el('p', { class: 'ws-line' }, t('ws.due.on', { date: formatDate(item.due_date) }), ' ', dueWords(item)),
    (item.recommendations || []).length ? el('p', { class: 'hint' }, t('ws.about'), ' ', ...links(item.recommendations)) : null);
}

/*
 * A status update of the institution. on.edit(update, button) for a
 * draft or returned update the reader may change.
 */
export function updateItem(u, on) {
  const when = {
    draft: t('ws.saved_on', { date: formatDateTime(u.updated_at) }),
    returned: t('ws.returned_on', { date: formatDateTime(u.decided_at) }),
    submitted: t('ws.submitted_on', { date: formatDateTime(u.submitted_at) }),
    approved: t('ws.approved_on', { date: formatDateTime(u.decided_at) }),
  }[u.state];
  const editable = on.edit && (u.state === 'draft' || u.state === 'returned');
  let edit = null;
  const subject = subjectOf(u, (name) => { if (edit) edit.about(name); });
  if (editable) edit = button(u.state === 'returned' ? 'ws.upd.correct' : 'ws.upd.edit', subject.textContent, (b) => on.edit(u, b));
  return el('li', { class: `ws-item ws-update ws-update-${u.state}` },
    el('h4', {}, subject),
    el('p', { class: 'ws-line' }, statusBadge(u.status, u.as_of), ' ', el('span', { class: 'hint' }, when)),
    u.state === 'returned'
      ? el('div', { class: 'ws-reason' }, el('p', {}, el('strong', {}, t('ws.returned_reason'))), el('p', { class: 'text-block' }, u.return_reason || ''))
      : null,
    el('p', { class: 'text-block ws-clamp' }, u.narrative),
    (u.attachments || []).length ? el('p', { class: 'hint' }, t('ws.files_count', { count: u.attachments.length })) : null,
    edit ? el('div', { class: 'ws-buttons' }, edit) : null);
}
