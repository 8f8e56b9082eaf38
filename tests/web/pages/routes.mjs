// Where each page of web/ lives, in one place; the acceptance tests use
// nothing else of the pages' addresses: all are the real pages of web/ (the
// search keeps its query in the address with the API's own parameters:
// /?q=…&state=PY).
export const ROUTES = {
  search: '/',
  sdg: '/sdg.html',
  recommendation: (id) => `/recommendation.html?id=${encodeURIComponent(id)}`,
  signIn: '/signin.html',
  workspace: '/workspace.html',
  validation: '/validation.html',
  moderation: '/moderation.html',
  coordination: '/coordination.html',
  myComments: '/my-comments.html',
  register: '/register.html',
  plan: (id) => `/plan.html?id=${encodeURIComponent(id)}`,
  clusters: '/clusters.html',
  cluster: (id) => `/clusters.html?id=${encodeURIComponent(id)}`,
  reports: '/reports.html',
  imports: '/imports.html',
  admin: '/admin.html',
  password: '/password.html',
};
