// Set-up for the acceptance flows, through the API from Node: the data a
// flow starts from (a recommendation assigned to a ministry, say), which a
// person would have made on other pages than the ones the flow is about.
// All tests share one server and database (tests/http/server_fixture.sh):
// each flow takes its own recommendations, by document and index, that no
// other test uses, and checks only what it made.
import { hrtrackBase } from './hrtrack.mjs';

/* The Spanish UPR report loaded by the fixture; 137 recommendations. */
export const SPAIN_UPR = 'A/HRC/15/6';

/*
 * Recommendations of the Spanish report the browser tests use, by index in
 * its default order: the C tests use 0-43 and 120-123 (grep
 * "A/HRC/15/6" tests/http before choosing more).
 */
export const REC_INDEX = {
  statusUpdate: 60,
  comment: 70,
  // acceptance/coordination.mjs and acceptance/participation.mjs
  plan: 80,
  cluster: 81,
  rejectedComment: 82,
};

/* GET `path` of the test server, anonymous; the parsed JSON (throws unless 200). */
export async function getJson(path, { lang } = {}) {
  const url = new URL(path, hrtrackBase());
  if (lang) url.searchParams.set('lang', lang);
  const reply = await fetch(url);
  const text = await reply.text();
  if (reply.status !== 200) throw new Error(`GET ${url} answered ${reply.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

/* The recommendation at `index` of `document` in the API's default order. */
export async function recommendationAt(document, index) {
  const page = await getJson(`/api/v1/recommendations?document=${encodeURIComponent(document)}&limit=200`);
  const rec = page.items[index];
  if (!rec) throw new Error(`${document} has no recommendation at index ${index} (${page.items.length})`);
  return rec;
}

/* The id of the institution with this acronym (MFA, MOH, MOE in the fixture). */
export async function institutionId(acronym) {
  const list = await getJson('/api/v1/institutions');
  const found = (list.items || list.institutions || list).find((i) => i.acronym === acronym);
  if (!found) throw new Error(`no institution ${acronym}`);
  return found.id;
}

/* Makes `acronym` the lead institution of recommendation `recId` (coordinator, through the API). */
export async function assignLead(coordinator, recId, acronym) {
  const lead = await institutionId(acronym);
  const plan = await coordinator.get(`/api/v1/recommendations/${recId}/plan`);
  if (plan.lead === lead || plan.lead?.id === lead) return plan;
  return coordinator.put(`/api/v1/recommendations/${recId}/plan`, { lead, version: plan.version });
}

/* How many recommendations the API finds for these query parameters (a URLSearchParams or string). */
export async function total(params) {
  return (await getJson(`/api/v1/recommendations?${params}&limit=1`)).total;
}

/* A text no earlier run wrote, so a flow finds its own row among the shared data. */
export function unique(label) {
  return `${label} ${new Date().toISOString()} ${Math.random().toString(36).slice(2, 8)}`;
}

/*
 * The first item of a keyset-paged list (`path` answers {items, next_after})
 * for which `match` holds, walking the pages; undefined when none does.
 * `get` is an apiAs() client's get, or getJson for public lists.
 */
export async function findItem(get, path, match) {
  let after = 0;
  for (let pages = 0; pages < 100; pages += 1) {
    const sep = path.includes('?') ? '&' : '?';
    const page = await get(`${path}${sep}limit=200${after ? `&after=${after}` : ''}`);
    const found = page.items.find(match);
    if (found || page.next_after == null) return found;
    after = page.next_after;
  }
  throw new Error(`${path}: more than 100 pages`);
}

/* Today as YYYY-MM-DD (UTC). */
export function today() {
  return new Date().toISOString().slice(0, 10);
}

/*
 * Recommendations of the Spanish report the ministry workspace's flows
 * use (acceptance/return_update.mjs, rec_followup.mjs), beside REC_INDEX's.
 */
export const WORKSPACE_REC_INDEX = { returnUpdate: 61, followup: 62 };
