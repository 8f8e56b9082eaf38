/*
 * What the coordinator's pages share: who may use a page (the API decides
 * what each role may do; a page only tells a reader who cannot use it why,
 * instead of showing a wall of 403s), the institutions by id with their
 * labels, a recommendation's short label, and small form helpers that
 * show a message next to a form and mark the field at fault.
 */
import { get } from './api.js';
import { el } from './dom.js';
import { t } from './i18n.js';
import { showStatus } from './layout.js';

export function hasRole(current, ...roles) {
  const mine = (current && current.user.roles) || [];
  return roles.some((r) => mine.includes(r));
}

/*
 * Whether the reader may use a page meant for `roles`; if not, says so in
 * #page-status (with a sign-in link for the public) and answers false.
 */
export function allowed(current, roles, onlyKey) {
  if (hasRole(current, ...roles)) return true;
  showStatus(current ? t(onlyKey) : t('coord.signin_first'), current ? 'info' : 'error');
  if (!current) {
    const next = encodeURIComponent(location.pathname + location.search);
    document.getElementById('page-status')
      .append(el('p', {}, el('a', { href: `/signin.html?next=${next}` }, t('nav.signin'))));
  }
  return false;
}

/* Every institution (GET /api/v1/institutions is public), as a Map id -> institution. */
export async function institutionMap() {
  const list = await get('/api/v1/institutions');
  return new Map((list.items || []).map((i) => [i.id, i]));
}

export function institutionLabel(institutions, id) {
  if (id === null || id === undefined) return t('plan.none');
  const found = institutions.get(id);
  return found ? `${found.acronym} — ${found.name}` : `#${id}`;
}

/* "A/HRC/15/6, paragraph 86.3" or "Recommendation no. 12", from any of the API's shapes. */
export function recLabel(rec) {
  const symbol = rec.symbol || rec.document_symbol || (rec.document && (rec.document.symbol || rec.document));
  const id = rec.id ?? rec.recommendation_id;
  if (symbol && rec.paragraph) return t('rec.ref', { symbol, paragraph: rec.paragraph });
  if (symbol) return symbol;
  return t('rec.number', { id: String(id) });
}

export function recLink(rec) {
  const id = rec.id ?? rec.recommendation_id;
  return el('a', { href: `/recommendation.html?id=${encodeURIComponent(id)}` }, recLabel(rec));
}

/* Writes `message` in the form's message box (role=status) as ok or error. */
export function formSay(box, message, kind) {
  box.className = `form-message ${kind}`;
  box.textContent = message;
}

/* Marks `field` (an element) as the invalid one among `fields`, or none with null. */
export function markInvalid(fields, field) {
  for (const f of fields) {
    if (f === field) f.setAttribute('aria-invalid', 'true');
    else f.removeAttribute('aria-invalid');
  }
}

/* A <select> of institutions (active ones, and `keep` even if inactive), with an empty first option. */
export function institutionOptions(select, institutions, { keep = null, emptyKey = 'coord.none_option' } = {}) {
  select.append(el('option', { value: '' }, t(emptyKey)));
  for (const i of [...institutions.values()].sort((a, b) => a.acronym.localeCompare(b.acronym))) {
    if (!i.active && i.id !== keep) continue;
    select.append(el('option', { value: String(i.id), selected: i.id === keep }, `${i.acronym} — ${i.name}`));
  }
  return select;
}
