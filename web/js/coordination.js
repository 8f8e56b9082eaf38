/*
 * The coordination hub (/coordination.html): the coordinator's and the
 * admin's pages, each with a line on what it is for, the cards a role
 * cannot use left out, and two counts that say where work waits (comments
 * to moderate, report deadlines overdue).
 */
import { get } from './api.js';
import { byId } from './dom.js';
import { t } from './i18n.js';
import { startPage } from './layout.js';
import { allowed, hasRole } from './coord.js';

async function counts(current) {
  const jobs = [];
  if (hasRole(current, 'coordinator')) {
    jobs.push(get('/api/v1/comments', { state: 'pending', limit: '200' }).then((page) => {
      const n = (page.items || []).length;
      byId('hub-pending').textContent = page.next_after == null
        ? t('coord.hub.pending', { count: n }) : t('coord.hub.pending_many', { count: n });
    }));
  }
  jobs.push(get('/api/v1/report-deadlines', { submitted: 'false', limit: '200' }).then((page) => {
    const n = (page.items || []).filter((d) => d.overdue).length;
    byId('hub-overdue').textContent = t('coord.hub.overdue', { count: n });
  }));
  await Promise.all(jobs);
}

startPage(async (current) => {
  if (!allowed(current, ['coordinator', 'admin'], 'coord.only')) return;
  for (const card of document.querySelectorAll('.hub-card')) {
    card.hidden = !hasRole(current, ...card.dataset.for.split(' '));
  }
  byId('hub-content').hidden = false;
  await counts(current);
});
