/*
 * The coordinator's way from a recommendation page to the coordination
 * pages about it: its priority and assignment (plan.html), the clusters
 * (clusters.html) and the moderation queue. Shown to the coordinator
 * only (admins read those pages from the coordination hub).
 */
import { byId } from './dom.js';
import { hasRole } from './coord.js';

export function wireCoordinationLinks(current, id) {
  const coordinator = hasRole(current, 'coordinator');
  byId('coord-tools').hidden = !coordinator;
  if (!coordinator) return;
  byId('coord-plan-link').setAttribute('href', `/plan.html?id=${encodeURIComponent(id)}`);
  byId('coord-clusters-link').setAttribute('href', '/clusters.html');
}
