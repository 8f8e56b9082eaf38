/*
 * Reports and deadlines (/reports.html): the three reports the API drafts
 * from the data (UPR mid-term, treaty-body follow-up, the SDG view for the
 * VNR) for a state, each downloaded as printable HTML, Markdown or XLSX;
 * then the report deadlines and what is due soon (report_deadlines.js).
 *
 * A report is fetched by the page and then saved from memory under the
 * name the API gives it (Content-Disposition): a report the API cannot
 * make (no recommendations in that cycle, an unknown body) is told in
 * words here from the API's error, instead of a file of JSON saved under
 * the report's name.
 */
import { ApiError, apiUrl, get } from './api.js';
import { byId, el, replace } from './dom.js';
import { allowed, formSay } from './coord.js';
import { t } from './i18n.js';
import { startPage } from './layout.js';
import { showDeadlines } from './report_deadlines.js';

const FORMATS = ['html', 'md', 'xlsx'];
/* Mechanisms that are not treaty bodies, left out of the body list. */
const NOT_TREATY = ['UPR', 'SP'];

function state() {
  return byId('report-state').value;
}

/* The query of each report from its form, or [null, field] when something is missing. */
const REPORTS = {
  upr: {
    path: '/api/v1/reports/upr-midterm',
    params() {
      const cycle = byId('upr-cycle').value.trim();
      if (cycle && !/^([1-9]|1[0-9]|20)$/.test(cycle)) return [null, 'upr-cycle'];
      return [cycle ? { state: state(), cycle } : { state: state() }, null];
    },
  },
  treaty: {
    path: '/api/v1/reports/treaty-followup',
    params() {
      const documentSymbol = byId('treaty-document').value.trim();
      if (documentSymbol) return [{ state: state(), document: documentSymbol }, null];
      const body = byId('treaty-body').value;
      return body ? [{ state: state(), body }, null] : [null, 'treaty-body'];
    },
  },
  vnr: {
    path: '/api/v1/reports/vnr',
    params: () => [{ state: state() }, null],
  },
};

/* The file name of a Content-Disposition header, or `fallback`. */
function fileName(disposition, fallback) {
  const match = /filename="([^"]+)"/.exec(disposition || '');
  return match ? match[1] : fallback;
}

/* Saves `blob` as a file named `name`, the way a link with `download` does. */
function saveBlob(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = el('a', { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

async function download(report, format, message, button) {
  const [params, badField] = report.params();
  if (!params) {
    byId(badField).setAttribute('aria-invalid', 'true');
    formSay(message, t(`coord.reports.missing_${badField}`), 'error');
    byId(badField).focus();
    return;
  }
  for (const id of ['upr-cycle', 'treaty-body']) byId(id).removeAttribute('aria-invalid');
  button.disabled = true;
  formSay(message, t('coord.reports.preparing'), 'ok');
  try {
    const reply = await fetch(apiUrl(report.path, { ...params, format }), { credentials: 'same-origin' });
    if (!reply.ok) {
      const error = ((await reply.json().catch(() => null)) || {}).error || {};
      throw new ApiError(reply.status, error.code || null, error.field || null, error.message);
    }
    saveBlob(await reply.blob(), fileName(reply.headers.get('Content-Disposition'), `report.${format}`));
    formSay(message, t('coord.reports.ready'), 'ok');
  } catch (err) {
    /* 404: the API found no recommendations for this choice (a cycle, a body, a document). */
    const words = err instanceof ApiError && err.status === 404 ? t('coord.reports.none') : err.message;
    formSay(message, err instanceof ApiError ? words : t('error.network'), 'error');
  } finally {
    button.disabled = false;
  }
}

function wireReport(name) {
  const form = byId(`${name}-form`);
  const message = el('p', { class: 'form-message', role: 'status', 'aria-live': 'polite' });
  const buttons = FORMATS.map((format) => {
    const button = el('button', { type: 'button', class: format === 'html' ? null : 'secondary' }, t(`coord.reports.as_${format}`));
    button.addEventListener('click', () => download(REPORTS[name], format, message, button));
    return button;
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    download(REPORTS[name], 'html', message, buttons[0]);
  });
  form.append(el('div', { class: 'button-row', role: 'group', 'aria-label': t('coord.reports.download') }, ...buttons), message);
}

/* The treaty bodies that sent the state recommendations (from the facets). */
async function fillBodies() {
  const facets = await get('/api/v1/recommendations/facets', { state: state() });
  const bodies = (facets.mechanism || []).filter((m) => !NOT_TREATY.includes(m.value));
  replace(byId('treaty-body'), el('option', { value: '' }, t('coord.reports.choose_body')),
    ...bodies.map((m) => el('option', { value: m.value }, `${m.name} (${m.value})`)));
}

async function fillStates() {
  const facets = await get('/api/v1/recommendations/facets');
  const states = facets.state || [];
  replace(byId('report-state'), ...states.map((s) => el('option', { value: s.value }, s.name)));
  byId('report-state').addEventListener('change', fillBodies);
  if (states.length) await fillBodies();
}

startPage(async (current) => {
  if (!allowed(current, ['coordinator', 'admin'], 'coord.only')) return;
  byId('reports-content').hidden = false;
  const deadlines = showDeadlines(current);
  await fillStates();
  /* The download buttons come once the states are listed: a click before
   * would ask for a report on no state. */
  for (const name of Object.keys(REPORTS)) wireReport(name);
  await deadlines;
});
