// Issue 8, acceptance 1-3: the SDG dashboard's 17 goal tiles, the
// drill-down from a goal to a target to the filtered list, and the page's
// screenshots and accessibility check.
import assert from 'node:assert/strict';
import { total } from '../lib/data.mjs';
import { suite } from '../lib/harness.mjs';
import { checkPage } from '../lib/page_checks.mjs';
import { assertShown, eventually } from '../lib/wait.mjs';
import { SdgDashboard } from '../pages/sdg.mjs';
import { SearchPage } from '../pages/search.mjs';

// Goal 5 has recommendations in the fixture's data, 2 of them on target 5.2.
const GOAL = 5;
const TARGET = '5.2';

await suite('acceptance: SDG dashboard', { needsPages: true }, async (t) => {
  let dashboard;

  await t.step('17 goal tiles, the page checks pass', async () => {
    dashboard = await SdgDashboard.open(t);
    assert.deepEqual(await dashboard.goalTiles(), Array.from({ length: 17 }, (_, i) => i + 1));
    const count = await total(`sdg_goal=${GOAL}`);
    assert.match(await dashboard.goalTileText(GOAL), new RegExp(`\\b${count}\\b`), 'the tile shows the count');
    await checkPage(dashboard.page, 'sdg-dashboard', { fullPage: true });
  });

  await t.step(`drill-down: goal ${GOAL}, target ${TARGET}, the filtered list`, async () => {
    await dashboard.openGoal(GOAL);
    await checkPage(dashboard.page, `sdg-goal-${GOAL}`, { fullPage: true });
    await dashboard.targetLink(TARGET).click();
    const list = new SearchPage(dashboard.page);
    await eventually(() => assert.deepEqual(list.query().getAll('sdg_target'), [TARGET]), { what: 'the list address' });
    const expected = await total(`sdg_target=${TARGET}`);
    assert.ok(expected > 0);
    await eventually(async () => {
      assert.equal(await list.resultTotal(), expected);
      assertShown(await list.results.count(), expected);
    }, { what: 'the drilled-down list' });
  });
});
