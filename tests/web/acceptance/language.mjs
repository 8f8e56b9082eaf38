// Issue 8, acceptance 1: switching the interface to Spanish. The page's
// language, its text and the data's names (SDG goals, from the API in
// Spanish) change, and the choice holds on the next page.
import assert from 'node:assert/strict';
import { getJson } from '../lib/data.mjs';
import { suite } from '../lib/harness.mjs';
import { expectNoConsoleErrors } from '../lib/console.mjs';
import { mainNav, navigateTo, switchLanguage } from '../pages/layout.mjs';
import { SdgDashboard } from '../pages/sdg.mjs';
import { SearchPage } from '../pages/search.mjs';

await suite('acceptance: switch to Spanish', { needsPages: true }, async (t) => {
  let search;
  let englishNav;

  await t.step('the search page in English switches to Spanish', async () => {
    search = await SearchPage.open(t, '', { lang: 'en' });
    assert.match(await search.page.evaluate(() => document.documentElement.lang), /^en/);
    englishNav = await mainNav(search.page).innerText();
    await switchLanguage(search.page, 'es');
    const spanishNav = await mainNav(search.page).innerText();
    assert.notEqual(spanishNav, englishNav, 'the navigation is translated');
    assert.doesNotMatch(await search.page.getByRole('main').innerText(), /\bSearch\b/, 'no English "Search" left');
    expectNoConsoleErrors(search.page);
  });

  await t.step('the SDG dashboard, reached by the navigation, is in Spanish too, goal names included', async () => {
    await navigateTo(search.page, 'sdg');
    const dashboard = new SdgDashboard(search.page);
    assert.match(await dashboard.page.evaluate(() => document.documentElement.lang), /^es/);
    const goals = await getJson('/api/v1/sdg/goals', { lang: 'es' });
    const five = goals.goals.find((g) => g.goal === 5);
    assert.match(await dashboard.goalTile(5).innerText(), new RegExp(five.short_title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i'));
    expectNoConsoleErrors(dashboard.page);
  });
});
