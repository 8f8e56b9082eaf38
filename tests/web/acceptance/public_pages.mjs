// Issue 8, what every public page must do, checked where it once failed:
// `?lang=es` in an address sets the language as the switch does (and the
// switch still works on such an address); a visitor's pages make no
// request that can only answer 401 (GET /api/v1/session) and log no
// error at all, while someone who signed in through the sign-in page is
// still shown as signed in; the SDG goal chart stays legible when the
// window narrows to a 360 px phone.
import assert from 'node:assert/strict';
import { getJson, recommendationAt, SPAIN_UPR } from '../lib/data.mjs';
import { consoleErrors } from '../lib/console.mjs';
import { suite } from '../lib/harness.mjs';
import { ACCOUNTS } from '../lib/hrtrack.mjs';
import { mainNav, navigateTo, signOutControl, switchLanguage } from '../pages/layout.mjs';
import { RecommendationPage } from '../pages/recommendation.mjs';
import { ROUTES } from '../pages/routes.mjs';
import { SdgDashboard } from '../pages/sdg.mjs';
import { SearchPage } from '../pages/search.mjs';
import { SignInPage } from '../pages/signin.mjs';

const htmlLang = (page) => page.evaluate(() => document.documentElement.lang);

/* No console error at all: not even the 401 that console.mjs lets pages with a session check log. */
function assertNoErrors(page) {
  assert.deepEqual(consoleErrors(page), [], `console errors on ${page.url()}`);
}

/* Every GET /api/v1/session a context's pages make, from now on. */
function sessionRequests(context) {
  const seen = [];
  context.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/v1/session' && request.method() === 'GET') seen.push(request.url());
  });
  return seen;
}

await suite('acceptance: public pages (?lang=, no 401 for visitors, SDG chart on a phone)', { needsPages: true }, async (t) => {
  const spanish = await getJson('/i18n/es.json');

  await t.step('?lang=es in the address sets Spanish, which the next page keeps', async () => {
    const search = await SearchPage.open(t, 'lang=es', { lang: 'en' });
    await search.page.waitForFunction(() => document.documentElement.lang === 'es');
    await mainNav(search.page).waitFor();
    assert.ok((await mainNav(search.page).innerText()).includes(spanish['nav.search']), 'the navigation is in Spanish');
    await navigateTo(search.page, 'sdg');
    assert.equal(await htmlLang(search.page), 'es', 'the choice holds without ?lang=');
    assertNoErrors(search.page);
  });

  await t.step('the switch changes the language of a page whose address names another one', async () => {
    const page = await t.openPage(`${ROUTES.sdg}?lang=es`, { lang: 'en' });
    await page.waitForFunction(() => document.documentElement.lang === 'es');
    await switchLanguage(page, 'fr');
    assert.equal(new URL(page.url()).searchParams.get('lang'), 'fr', 'the address follows the choice');
    await page.goto(`${t.base}${ROUTES.search}`);
    await page.waitForFunction(() => document.documentElement.lang === 'fr');
  });

  await t.step('a visitor\'s pages do not ask who is signed in, and log no error', async () => {
    const context = await t.newContext();
    const asked = sessionRequests(context);
    const rec = await recommendationAt(SPAIN_UPR, 0);
    const search = await SearchPage.open(t, 'q=torture', { context });
    await search.page.getByRole('region', { name: /results/i }).getByRole('listitem').first().waitFor();
    const dashboard = await SdgDashboard.open(t, { context });
    const recommendation = await RecommendationPage.open(t, rec.id, { context });
    await recommendation.statusHistory.waitFor();
    const notFound = await context.newPage();
    await notFound.goto(`${t.base}/no-such-page.html`);
    await notFound.getByRole('heading', { level: 1 }).waitFor();
    assert.deepEqual(asked, [], 'no GET /api/v1/session');
    for (const page of [search.page, dashboard.page, recommendation.page]) assertNoErrors(page);
  });

  await t.step('signed in through the sign-in page, the public pages show it; signed out, they ask no more', async () => {
    const signInPage = await SignInPage.open(t);
    const context = signInPage.page.context();
    await signInPage.signIn(ACCOUNTS.cso);
    const dashboard = await SdgDashboard.open(t, { context });
    await signOutControl(dashboard.page).waitFor();
    await signOutControl(dashboard.page).click();
    await dashboard.page.getByRole('link', { name: /sign in/i }).first().waitFor();
    const asked = sessionRequests(context);
    const search = await SearchPage.open(t, '', { context });
    await search.page.getByRole('link', { name: /sign in/i }).first().waitFor();
    assert.deepEqual(asked, [], 'no GET /api/v1/session after signing out');
    assertNoErrors(search.page);
  });

  await t.step('the SDG goal chart is legible when the window narrows to 360 px', async () => {
    const dashboard = await SdgDashboard.open(t);
    await dashboard.openGoal(5);
    const chart = dashboard.page.getByRole('img', { name: /targets of goal 5/i });
    await chart.waitFor();
    await dashboard.page.setViewportSize({ width: 360, height: 800 });
    await dashboard.page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    const box = await chart.boundingBox();
    assert.ok(box.width <= 360, `the chart is ${box.width} px wide`);
    // The height each label and count is drawn at: a desktop drawing shrunk to a phone drew them 3-4 px high.
    const heights = await chart.evaluate((root) => [...root.querySelectorAll('*')]
      .map((node) => [node, node.getBoundingClientRect()])
      // Text that is drawn: not the description for screen readers (1 px, clipped), not the bars' tooltips.
      .filter(([node, rect]) => node.childElementCount === 0 && node.textContent.trim() && rect.width > 1 && rect.height > 1
        && node.closest('title, desc') === null)
      .map(([, rect]) => rect.height));
    assert.ok(heights.length >= 2, 'the chart shows its labels');
    assert.ok(Math.min(...heights) >= 12, `text drawn ${Math.min(...heights).toFixed(1)} px high`);
    assert.equal(await dashboard.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true,
      'no sideways scrolling');
  });
});
