/*
 * The search query as the search page keeps it in its address: the same
 * parameters as GET /api/v1/recommendations (so that the address is the
 * query, shareable and restored by the back button), and only those, since
 * the API refuses parameters it does not know.
 */

/* Filters that may be given several times (values combine with OR). */
export const LIST_FILTERS = [
  'state', 'mechanism', 'body', 'document', 'theme', 'affected_person', 'sdg_goal',
  'sdg_target', 'position', 'recommending_state', 'cycle', 'session', 'status',
  'institution', 'cluster', 'priority',
];
/* Parameters given once. */
export const SINGLE = ['q', 'from', 'to', 'sort', 'cursor'];

/* The query in `search` ("?q=...&state=PY") as {name: [values]}; unknown names dropped. */
export function readQuery(search) {
  const params = new URLSearchParams(search);
  const query = {};
  for (const name of LIST_FILTERS) {
    const values = params.getAll(name).filter((v) => v !== '');
    if (values.length) query[name] = [...new Set(values)];
  }
  for (const name of SINGLE) {
    const value = params.get(name);
    if (value) query[name] = [value];
  }
  return query;
}

/* The query as URLSearchParams, without the names in `leave_out`. */
export function toParams(query, leaveOut = []) {
  const params = new URLSearchParams();
  for (const name of [...SINGLE.slice(0, 3), ...LIST_FILTERS, ...SINGLE.slice(3)]) {
    if (leaveOut.includes(name)) continue;
    for (const value of query[name] || []) params.append(name, value);
  }
  return params;
}

/* The search page's address for `query`. */
export function searchHref(query) {
  const params = toParams(query);
  const text = params.toString();
  return text ? `/?${text}` : '/';
}
