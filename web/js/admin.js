/*
 * Users and institutions (/admin.html), for admins: accounts and their
 * roles (admin_users.js), institutions (admin_institutions.js). Others
 * are told the page is the admins'.
 */
import { byId } from './dom.js';
import { allowed } from './coord.js';
import { startPage } from './layout.js';
import { showInstitutions } from './admin_institutions.js';
import { renderUsers, showUsers } from './admin_users.js';

startPage(async (current) => {
  if (!allowed(current, ['admin'], 'coord.admin.only')) return;
  byId('admin-content').hidden = false;
  const institutions = new Map();
  let usersShown = null;
  await showInstitutions(async (list) => {
    institutions.clear();
    for (const i of list) institutions.set(i.id, i);
    if (!usersShown) usersShown = showUsers(institutions);
    else renderUsers();
    await usersShown;
  });
});
