// Where each page of web/ lives, in one place; the acceptance tests use
// nothing else of the pages' addresses. search, sdg, recommendation,
// signIn, workspace and validation are the real pages of web/ (the search
// keeps its query in the address with the API's own parameters:
// /?q=…&state=PY). moderation is still a guess: that page does not exist
// yet (its flow is disabled in tests/CMakeLists.txt); set it when the
// page is merged.
export const ROUTES = {
  search: '/',
  sdg: '/sdg.html',
  recommendation: (id) => `/recommendation.html?id=${encodeURIComponent(id)}`,
  signIn: '/signin.html',
  workspace: '/workspace.html',
  validation: '/validation.html',
  moderation: '/coordinator/moderation',
};
