/*
 * The fields that set who follows a recommendation or a cluster up (a
 * lead institution and supporting ones) and how urgent it is (priority
 * and why), shared by plan.html and clusters.html. Each builder answers
 * the elements to put in a form and read(), which gives the body fields
 * the API takes, or throws a FieldError naming the control at fault.
 */
import { el } from './dom.js';
import { t } from './i18n.js';
import { institutionOptions } from './coord.js';

export class FieldError extends Error {
  constructor(message, control) {
    super(message);
    this.control = control;
  }
}

const PRIORITIES = ['high', 'medium', 'low'];

/* Priority (none, high, medium, low) and its reason; `prefix` makes the ids unique on the page. */
export function priorityFields(prefix, { priority = null, priority_reason = '' } = {}) {
  const select = el('select', { id: `${prefix}-priority`, name: 'priority' },
    el('option', { value: '' }, t('coord.no_priority')),
    ...PRIORITIES.map((p) => el('option', { value: p, selected: p === priority }, t(`priority.${p}`))));
  const reason = el('textarea', { id: `${prefix}-reason`, name: 'priority_reason', maxlength: '2000', class: 'short' });
  reason.value = priority_reason || '';
  const nodes = [
    el('div', { class: 'field' }, el('label', { for: select.id }, t('plan.priority')), select),
    el('div', { class: 'field' }, el('label', { for: reason.id }, t('coord.priority_reason')), reason),
  ];
  const read = () => ({ priority: select.value || null, priority_reason: reason.value.trim() });
  return { nodes, read, controls: [select, reason] };
}

/*
 * The lead (a select) and the supporters (checkboxes in a fieldset) among
 * `institutions` (a Map id -> institution; inactive ones only where
 * already chosen, since the API refuses to assign new work to them).
 */
export function assignmentFields(prefix, institutions, { lead = null, support = [] } = {}) {
  const select = institutionOptions(el('select', { id: `${prefix}-lead`, name: 'lead' }), institutions, { keep: lead });
  const boxes = [];
  const list = el('ul', { class: 'checks' });
  for (const i of [...institutions.values()].sort((a, b) => a.acronym.localeCompare(b.acronym))) {
    if (!i.active && !support.includes(i.id)) continue;
    const box = el('input', { type: 'checkbox', id: `${prefix}-support-${i.id}`, name: 'support', value: String(i.id), checked: support.includes(i.id) });
    boxes.push(box);
    list.append(el('li', {}, box, el('label', { for: box.id }, `${i.acronym} — ${i.name}`)));
  }
  const fieldset = el('fieldset', { class: 'field check-group', id: `${prefix}-support` },
    el('legend', {}, t('plan.support')), list);
  const nodes = [el('div', { class: 'field' }, el('label', { for: select.id }, t('plan.lead')), select), fieldset];
  const read = () => {
    const leadId = select.value ? Number(select.value) : null;
    const supportIds = boxes.filter((b) => b.checked).map((b) => Number(b.value));
    if (leadId !== null && supportIds.includes(leadId)) throw new FieldError(t('coord.lead_not_support'), boxes.find((b) => Number(b.value) === leadId));
    if (supportIds.length > 20) throw new FieldError(t('coord.support_max'), boxes[0]);
    return { lead: leadId, support: supportIds };
  };
  return { nodes, read, controls: [select, ...boxes] };
}
