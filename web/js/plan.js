/*
 * The priority and assignment of one recommendation (/plan.html?id=N):
 * its text, the clusters it is in, and a form for the priority (and why)
 * and the lead and supporting institutions (PUT
 * /api/v1/recommendations/{id}/plan, based on the version read: a plan
 * changed meanwhile, by a person or a cluster assignment, is a 409, and
 * the form then shows the plan as it is now). The coordinator writes;
 * admins read.
 */
import { ApiError, get, send } from './api.js';
import { byId, el, replace } from './dom.js';
import { assignmentFields, FieldError, priorityFields } from './assignment_form.js';
import { allowed, formSay, hasRole, institutionMap, markInvalid, recLabel } from './coord.js';
import { t } from './i18n.js';
import { startPage } from './layout.js';

function recId() {
  const id = new URLSearchParams(location.search).get('id');
  return /^[1-9][0-9]{0,17}$/.test(id || '') ? id : null;
}

/* The clusters the recommendation is in, each a link to its page. */
function clusterLinks(plan) {
  const ids = plan.clusters || [];
  if (!ids.length) return t('coord.plan.no_cluster');
  const links = [];
  ids.forEach((c, i) => {
    if (i) links.push(', ');
    links.push(el('a', { href: `/clusters.html?id=${encodeURIComponent(c)}` }, t('coord.clusters.number', { id: String(c) })));
  });
  return [t('coord.plan.in_clusters'), ' ', ...links];
}

let planState = null;

function fillForm(plan, institutions, editable) {
  planState = plan;
  const priority = priorityFields('plan', plan);
  const assignment = assignmentFields('plan', institutions, plan);
  replace(byId('plan-fields'), ...priority.nodes, ...assignment.nodes);
  for (const c of [...priority.controls, ...assignment.controls]) c.disabled = !editable;
  byId('plan-version').textContent = plan.version ? t('coord.plan.version', { version: plan.version }) : t('coord.plan.never');
  replace(byId('plan-rec-clusters'), ...[clusterLinks(plan)].flat());
  return { priority, assignment };
}

async function save(id, fields, institutions) {
  const message = byId('plan-message');
  const controls = [...fields.priority.controls, ...fields.assignment.controls];
  let body;
  try {
    body = { ...fields.priority.read(), ...fields.assignment.read(), version: planState.version };
  } catch (err) {
    if (!(err instanceof FieldError)) throw err;
    markInvalid(controls, err.control);
    formSay(message, err.message, 'error');
    err.control.focus();
    return fields;
  }
  markInvalid(controls, null);
  const button = byId('plan-save');
  button.disabled = true;
  try {
    const plan = await send('PUT', `/api/v1/recommendations/${id}/plan`, body);
    fields = fillForm(plan, institutions, true);
    formSay(message, t('coord.plan.saved'), 'ok');
  } catch (err) {
    if (err instanceof ApiError && err.status === 409) {
      fields = fillForm(await get(`/api/v1/recommendations/${id}/plan`), institutions, true);
      formSay(message, t('coord.conflict_reloaded'), 'error');
    } else {
      formSay(message, err.message, 'error');
    }
  } finally {
    button.disabled = false;
  }
  return fields;
}

async function showPlan(id, current) {
  const [rec, plan, institutions] = await Promise.all([
    get(`/api/v1/recommendations/${id}`),
    get(`/api/v1/recommendations/${id}/plan`),
    institutionMap(),
  ]);
  const heading = byId('plan-rec-heading');
  replace(heading, el('a', { href: `/recommendation.html?id=${encodeURIComponent(id)}` }, recLabel(rec)));
  const text = byId('plan-rec-text');
  text.textContent = rec.text || '';
  if (rec.language) text.setAttribute('lang', rec.language);
  const editable = hasRole(current, 'coordinator');
  let fields = fillForm(plan, institutions, editable);
  byId('plan-save').hidden = !editable;
  byId('plan-readonly').hidden = editable;
  byId('plan-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    fields = await save(id, fields, institutions);
  });
  byId('plan-rec').hidden = false;
}

startPage(async (current) => {
  if (!allowed(current, ['coordinator', 'admin'], 'coord.only')) return;
  byId('plan-content').hidden = false;
  const id = recId();
  byId('pick-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const wanted = byId('pick-id').value.trim();
    if (!/^[1-9][0-9]{0,17}$/.test(wanted)) {
      byId('pick-id').setAttribute('aria-invalid', 'true');
      byId('pick-id').focus();
      return;
    }
    location.assign(`/plan.html?id=${wanted}`);
  });
  if (!id) return;
  byId('pick-id').value = id;
  await showPlan(id, current);
});
