// Where each page of web/ lives, in one place. Written before the pages
// were merged: after the merge, set these to the real addresses (and the
// accessible names in each page object) — the acceptance tests use nothing
// else of the pages' markup.
export const ROUTES = {
  search: '/',
  sdg: '/sdg',
  recommendation: (id) => `/recommendations/${id}`,
  signIn: '/sign-in',
  workspace: '/workspace',
  validation: '/workspace/validation',
  moderation: '/coordinator/moderation',
};
